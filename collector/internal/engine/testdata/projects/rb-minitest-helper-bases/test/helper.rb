require "minitest/autorun"
require_relative "support/cases"

class BaseCase < Minitest::Test; end
module Foo
  class Test < Minitest::Test; end
end
