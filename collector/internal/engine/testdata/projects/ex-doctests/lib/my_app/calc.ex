defmodule MyApp.Calc do
  @moduledoc """
  Arithmetic, documented with examples that ExUnit runs as doctests.

      iex> MyApp.Calc.add(1, 2)
      3

  Several prompts before a blank line are one test:

      iex> x = 1
      iex> x + 1
      2
  """

  @doc """
  Adds `a` and `b`.

  ## Examples

      iex> MyApp.Calc.add(1, 1)
      2
      iex> MyApp.Calc.add(2, 2)
      4

      iex(1)> MyApp.Calc.add(0)
      0
  """
  @doc since: "1.0.0"
  @spec add(number, number) :: number
  def add(a, b \\ 0) when is_number(a), do: a + b

  @doc false
  def hidden(x) do
    # iex> hidden(1) is no doctest: the doc is false.
    x
  end

  @doc ~S"""
  A macro's doc, in a sigil that keeps `#{}` as written:

      iex> require MyApp.Calc
      iex> MyApp.Calc.twice("#{1}")
      "#{1}#{1}"
  """
  defmacro twice(x), do: quote(do: unquote(x) <> unquote(x))

  @doc """
  Divides, with an example in a fenced block:

  ```
  iex> MyApp.Calc.divide(4, 2)
  2.0
  ```

  and a multi-line expression:

      iex> MyApp.Calc.divide(
      ...>   1,
      ...>   1
      ...> )
      1.0
  """
  def divide(a, b), do: a / b

  @doc "Negates, in a one-line doc: \n\n    iex> MyApp.Calc.negate(1)\n    -1\n"
  def negate(x), do: -x

  # A second clause carries no doc of its own.
  def divide(a), do: divide(a, 1)

  @doc """
  An operator.

      iex> import MyApp.Calc
      iex> 1 <~> 2
      {1, 2}
  """
  def left <~> right, do: {left, right}

  @typedoc """
  A number this module takes.

      iex> is_number(1)
      true
  """
  @type num :: number

  defmodule Parser do
    @moduledoc """
    A nested module: MyApp.Calc.Parser, in its parent's file.

        iex> MyApp.Calc.Parser.parse("1")
        1
    """
    @doc """
        iex> MyApp.Calc.Parser.parse("2")
        2
    """
    def parse(s), do: String.to_integer(s)
  end
end
