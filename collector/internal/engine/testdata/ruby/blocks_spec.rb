# Examples in blocks RSpec runs as part of the group (checked with
# rspec --dry-run): include_context's and include_examples' blocks, a
# helper's block that it yields, and it_behaves_like's block, a nested group.
require "spec_helper"

RSpec.shared_context "with a logger" do
  let(:logger) { [] }
end

RSpec.shared_examples "a list" do
  it "has a size" do
    expect(subject.size).to be >= 0
  end
end

module RubyVersionCheck
  def with_minimum_ruby(version)
    yield if Gem::Version.new(RUBY_VERSION) >= Gem::Version.new(version)
  end
end

RSpec.describe Array do
  extend RubyVersionCheck

  include_context "with a logger" do
    it "sees the context" do
      expect(logger).to eq([])
    end
  end

  it_behaves_like "a list" do
    it "runs in the nested group" do
      expect([]).to be_empty
    end
  end

  it_should_behave_like "a list" do
    it "runs in the older nested group" do
    end
  end

  include_examples "a list" do
    it "runs in this group" do
    end
  end

  with_minimum_ruby("2.3.0") do
    it "runs on new rubies" do
    end
  end

  it "joins adjacent literals " \
     'as Ruby does' do
  end

  before do
    # An example in a hook is no test.
    it "is not declared here" do
    end
  end

  let(:list) do
    it "is not declared either" do
    end
    []
  end
end
