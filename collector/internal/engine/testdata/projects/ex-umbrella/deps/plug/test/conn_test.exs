defmodule Plug.ConnTest do
  use ExUnit.Case
  test "a dependency's test is not ours" do
    :ok
  end
end
