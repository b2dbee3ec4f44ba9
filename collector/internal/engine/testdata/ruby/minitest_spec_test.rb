require 'minitest/autorun'

describe Stack do
  before do
    @stack = Stack.new
  end

  it 'starts empty' do
    _(@stack).must_be_empty
  end

  describe 'when pushed' do
    it 'is not empty' do
      @stack.push(1)
      _(@stack).wont_be_empty
    end

    it 'pops what was pushed' do
      skip 'LIFO later'
    end
  end

  it 'is declared only'
end
