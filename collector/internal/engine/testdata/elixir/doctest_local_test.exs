# Modules doctested by the test module of this same file, compiled and their
# BEAM written first, as Elixir's own ExUnit.DocTestTest does.
defmodule MyApp.DocTestTest.Greeter do
  @moduledoc """
  Greets.

      iex> MyApp.DocTestTest.Greeter.hello("a")
      "hello a"
  """

  @doc """
  Says hello.

      iex> hello("b")
      "hello b"

      iex> hello("c")
      ...> |> String.upcase()
      "HELLO C"
  """
  def hello(name), do: "hello " <> name

  @doc """
  Guarded, with a default argument: its arity is 2.

      iex> shout("d")
      "D!"
  """
  def shout(name, mark \\ "!") when is_binary(name), do: String.upcase(name) <> mark
end
|> ExUnit.BeamHelpers.write_beam()

defmodule MyApp.DocTestTest do
  use ExUnit.Case

  doctest MyApp.DocTestTest.Greeter, import: true

  # Not in this file, and no lib/ beside it: reported without its cases.
  doctest MyApp.Elsewhere

  describe "only one function" do
    doctest MyApp.DocTestTest.Greeter, only: [shout: 2], import: true
  end

  test "doctest failures" do
    # A suite this test compiles and runs itself: not tests of this suite.
    defmodule ActuallyCompiled do
      use ExUnit.Case
      doctest MyApp.DocTestTest.Greeter
      test "inner", do: :ok
    end

    assert ExUnit.run()
  end
end
