defmodule MyApp.Plain do
  @moduledoc "No examples: a doctest of this module makes no test."
  def x, do: 1
end
