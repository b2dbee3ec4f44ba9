require 'spec_helper'

# it 'is a comment' do
RSpec.describe Parser do
  let(:source) do
    <<~RUBY
      describe 'inside a heredoc' do
        it "is text, not a test" do
        end
      end
    RUBY
  end

  let(:other) { %q(it "also text" do end) }
  let(:interp) { "it 'x' do end #{1 + 1}" }

  def self.helper_examples
    it 'is defined by a helper method, not counted statically' do
    end
  end

  def build_it
    it 'inside an instance helper'
  end

  before do
    @parser = described_class.new
  end

  around do |example|
    it 'inside a hook is not an example'
    example.run
  end

  let(:factory) { proc { it 'inside a proc' } }

  it 'parses the heredoc without counting it' do
    expect(@parser.parse(source)).to be_a(Array)
  end

  it 'has an inner call that is not an example' do
    [1].each { |x| x }
  end

  describe Parser::Node, '#children' do
    it('uses parentheses') { expect(true).to be(true) }
  end

  describe Parser, '.parse' do
    scenario 'joins without a space' do
    end
  end

  feature 'Signing in' do
    scenario 'with valid credentials' do
    end
  end
end
