defmodule MyApp.PropertyTest do
  use ExUnit.Case
  use ExUnitProperties

  property "reversing twice is the identity" do
    check all list <- list_of(integer()) do
      assert list |> Enum.reverse() |> Enum.reverse() == list
    end
  end

  @tag :skip
  property "skipped property" do
    :ok
  end
end
