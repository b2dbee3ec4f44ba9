defmodule MyApp.BrokenTest do
  use ExUnit.Case

  test "before the damage" do
    :ok
  end

  test "unclosed" do
    assert [1, 2 ==
  end

  test "after the damage" do
    :ok
  end
end
