require 'spec_helper'

RSpec.describe 'Statuses' do
  xit 'is disabled with xit' do
    expect(1).to eq(2)
  end

  it 'is skipped with metadata', skip: 'flaky on CI' do
    expect(true).to be(true)
  end

  it 'is skipped with a symbol', :skip do
  end

  it 'is not skipped when skip is false', skip: false do
  end

  skip 'is skipped with skip' do
  end

  it 'skips itself first thing' do
    skip 'needs a browser'
    visit '/'
  end

  it 'skips itself later' do
    visit '/'
    skip 'only sometimes' if ENV['CI']
  end

  it 'is not written yet'

  pending 'is pending without a block'

  pending 'is pending with a block' do
    expect(broken_feature).to work
  end

  it 'is pending inside' do
    pending 'bug #42'
    expect(1).to eq(2)
  end

  fit 'is focused with fit' do
  end

  it 'is focused with metadata', focus: true do
  end

  it 'is focused with a symbol', :focus do
  end

  xdescribe 'a disabled group' do
    it 'is skipped by its group' do
    end

    fit 'stays skipped even when focused' do
    end
  end

  fdescribe 'a focused group' do
    it 'is focused by its group' do
    end

    xit 'stays skipped' do
    end

    it 'stays todo'
  end

  context 'skipped by metadata', skip: true do
    it 'inherits the skip' do
    end
  end

  xcontext 'xcontext' do
    specify 'skipped too' do
    end
  end
end
