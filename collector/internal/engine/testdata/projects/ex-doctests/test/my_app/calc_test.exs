defmodule MyApp.TestMacros do
  # A test macro of this file: each call of it is a test.
  defmacro slow_test(name, do: block) do
    quote do
      @tag :slow
      test unquote(name), do: unquote(block)
    end
  end
end

defmodule MyApp.CalcTest do
  use ExUnit.Case, async: true
  import MyApp.TestMacros

  doctest MyApp.Calc, import: true
  doctest MyApp.Calc.Parser
  doctest MyApp.Plain

  describe "clock" do
    doctest MyApp.WallClock
  end

  # ExUnit gives an @tag to the first test a doctest makes only.
  @tag :skip
  doctest MyApp.Calc.Parser, except: [:moduledoc]

  test "adds" do
    assert MyApp.Calc.add(1, 2) == 3
  end

  if System.otp_release() >= "24" do
    test "on OTP 24 and later" do
      assert true
    end
  else
    test "on older OTP" do
      assert true
    end
  end

  unless match?({:win32, _}, :os.type()) do
    test "not on Windows" do
      assert true
    end
  end

  slow_test "a slow one" do
    assert true
  end

  test "runs a suite of its own" do
    defmodule Inner do
      use ExUnit.Case
      test "inner", do: :ok
    end

    assert function_exported?(Inner, :__ex_unit__, 0)
  end
end

defmodule MyApp.Local do
  @moduledoc """
  A module the test file defines itself.

      iex> MyApp.Local.one()
      1
  """
  @doc """
      iex> MyApp.Local.one() * 3
      3
  """
  def one, do: 1
end

defmodule MyApp.CalcSomeTest do
  use ExUnit.Case, async: true

  doctest MyApp.Calc, except: [:moduledoc, divide: 2], import: true
  doctest MyApp.Calc.Parser, only: [parse: 1], tags: [skip: true]
  doctest MyApp.Plain, tags: [:skip]
end
