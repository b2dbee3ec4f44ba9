defmodule MyApp.CalculatorTest do
  use ExUnit.Case, async: true
  doctest MyApp.Calculator

  setup do
    {:ok, calc: MyApp.Calculator.new()}
  end

  test "adds two numbers", %{calc: calc} do
    assert MyApp.Calculator.add(calc, 1, 2) == 3
  end

  test "subtracts" do
    assert 1 - 1 == 0
  end

  describe "divide/2" do
    test "divides" do
      assert 4 / 2 == 2
    end

    test "raises on zero", context do
      assert_raise ArithmeticError, fn -> 1 / 0 end
    end
  end

  describe "multiply/2" do
    test("with parentheses and a keyword body", do: assert(2 * 2 == 4))
  end
end
