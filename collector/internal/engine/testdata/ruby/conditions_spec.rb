# encoding: UTF-8
require 'spec_helper'

# Tests declared under if/unless are reported either way; each carries the
# condition under which RSpec would define it.
describe 'Thrift::Bytes' do
  if RUBY_VERSION >= '1.9'
    describe '.empty_byte_buffer' do
      it 'should create an empty buffer' do
        b = Thrift::Bytes.empty_byte_buffer
        expect(b.length).to eq(0)
        # an if inside an example's body is not a condition of anything
        if b.encoding == Encoding::BINARY
          it 'is not an example' do
          end
        end
      end

      if ENV['SLOW'] && ENV['SLOW'] != '0'
        it 'should create a large buffer' do
        end
      end
    end
  elsif defined?(JRUBY_VERSION)
    it 'uses the java byte array' do
    end
  else # RUBY_VERSION
    describe '.empty_byte_buffer' do
      it 'should create an empty buffer' do
      end
    end
  end

  unless RUBY_PLATFORM =~ /java/
    it 'is native' do
    end
  else
    it 'is java' do
    end
  end

  it 'checks encodings', if: RUBY_VERSION > '2' do
  end

  context 'on windows', unless: Gem.win_platform? do
    it 'has no drive letters' do
    end
  end

  it 'runs when asked' do
  end if ENV['ASKED']

  %w[utf8 binary].each do |enc|
    it "converts to #{enc}" do
    end unless enc == 'utf8' && RUBY_VERSION < '1.9'
  end

  before do
    if RUBY_VERSION >= '3'
      @compact = true
    end
  end

  def self.versioned(name)
    if RUBY_VERSION >= '3'
      it(name) {}
    end
  end

  it 'is outside every condition' do
  end
end

if defined? Thrift::BinaryProtocolAccelerated

  describe 'BinaryProtocolAccelerated' do
    it_should_behave_like 'a binary protocol'

    it 'should provide a reasonable to_s' do
    end
  end
else
  puts 'skipping BinaryProtocolAccelerated spec because it is not defined.'
end
