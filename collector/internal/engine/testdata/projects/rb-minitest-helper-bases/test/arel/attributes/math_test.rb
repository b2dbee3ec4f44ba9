require_relative "../helper"

module Arel
  module Attributes
    class MathTest < Arel::Spec
      %i[* /].each do |math_operator|
        it "average should be compatible with #{math_operator}" do
          assert true
        end
      end
    end
  end
end
