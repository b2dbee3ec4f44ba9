# Not a test module: a support file that happens to match the pattern.
defmodule MyApp.Factory do
  def build(:user), do: %{name: "x"}
end
