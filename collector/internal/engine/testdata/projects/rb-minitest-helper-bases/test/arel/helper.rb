require "minitest/autorun"

module Arel
  class Spec < Minitest::Spec
  end
end
