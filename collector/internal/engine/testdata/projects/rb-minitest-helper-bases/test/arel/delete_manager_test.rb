require_relative "helper"

module Arel
  class DeleteManagerTest < Arel::Spec
    describe "new" do
      it "takes an engine" do
        assert true
      end
    end

    it "handles limit properly" do
      assert true
    end
  end
end
