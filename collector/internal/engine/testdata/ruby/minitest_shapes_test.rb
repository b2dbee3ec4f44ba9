require "minitest/autorun"
require "active_support"
require "active_support/test_case"
require "active_support/core_ext/string/filters"

# Tests of a module run in every test class that includes it; reported once,
# here, under the module.
module SharedParserTests
  def test_parses_empty_input
    assert true
  end

  private

  def test_helper_not_a_test
  end
end

class JsonParserTest < Minitest::Test
  include SharedParserTests

  class << self
    def test_order
      :sorted
    end
  end

  # A controller the tests drive: its test_ action is no test.
  class UploadController
    def test_upload
    end
  end

  def test_parses_numbers
    assert true
  end
end

describe "Widget" do
  def test_plain_method_in_describe
    assert true
  end

  it "renders" do
    assert true
  end

  it { assert true }

  describe "when empty" do
    def test_nested_method
      assert true
    end
  end
end

class RequestTest < ActiveSupport::TestCase
  test "returns the method when it has not been
    overridden by middleware".squish do
    assert true
  end
end

class GeneratedTest < Minitest::Test
  TAGS = %w[br hr].freeze

  %w[div span].each do |tag|
    define_method("test_renders_#{tag}") do
      assert true
    end
  end

  TAGS.each do |tag|
    define_method(:"test_void_#{tag}") { assert true }
  end

  define_method(:test_plain_symbol) do
    skip "not yet"
  end

  define_method(:helper_not_a_test) do
  end
end

class EvaluatedTest < Minitest::Test
  # Told where the text is, Ruby places each method at its line here: a
  # test of this class, named as written.
  { "Array" => "[]", "Hash" => "{}" }.each do |klass, literal|
    class_eval <<-RUBY, __FILE__, __LINE__ + 1
      def test_new_#{klass.downcase}_is_empty
        assert_empty #{literal}
      end

      def helper_for_#{klass.downcase}
      end
    RUBY
  end

  class_eval(<<~'CODE', __FILE__, __LINE__ + 1)
    def test_plain
      assert true
    end
  CODE

  # Without __FILE__ and __LINE__ the methods are placed in (eval): not read.
  class_eval <<-RUBY
    def test_unplaced
      assert true
    end
  RUBY
end
