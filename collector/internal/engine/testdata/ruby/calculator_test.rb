require 'minitest/autorun'
require_relative '../lib/calculator'

class CalculatorTest < Minitest::Test
  def setup
    @calc = Calculator.new
  end

  def test_add
    assert_equal 4, @calc.add(2, 2)
  end

  def test_divide_by_zero
    skip 'not decided yet'
    assert_raises(ZeroDivisionError) { @calc.divide(1, 0) }
  end

  def test_skip_later
    assert true
    skip if ENV['CI']
  end

  def helper_method
    'not a test'
  end

  def testing_is_not_a_test
  end

  private

  def test_private_still_listed
  end
end

module Billing
  class InvoiceTest < Minitest::Test
    def test_total
      assert true
    end
  end
end
