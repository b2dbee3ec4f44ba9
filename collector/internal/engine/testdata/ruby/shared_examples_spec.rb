require 'spec_helper'

RSpec.shared_examples 'a collection' do
  it 'is enumerable' do
    expect(subject).to respond_to(:each)
  end

  it 'can be empty' do
    expect(described_class.new).to be_empty
  end
end

shared_examples_for 'a sized thing' do |size|
  it 'reports its size' do
    expect(subject.size).to eq(size)
  end
end

RSpec.describe Array do
  it_behaves_like 'a collection'
  include_examples 'a sized thing', 0

  it 'has its own example' do
    expect([]).to be_empty
  end
end

RSpec.describe Hash do
  it_should_behave_like 'a collection'
end
