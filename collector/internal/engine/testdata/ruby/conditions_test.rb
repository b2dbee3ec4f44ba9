require 'minitest/autorun'
require_relative '../lib/codec'

class CodecTest < Minitest::Test
  def test_round_trip
    assert_equal 'x', Codec.decode(Codec.encode('x'))
  end

  if RUBY_ENGINE == 'ruby'
    def test_native_extension
      if Codec.native?
        assert true
      end
    end
  end

  def test_frozen_literals
  end unless RUBY_VERSION < '3.0'

  test 'decodes utf8' do
  end if defined?(ActiveSupport)

  private

  if ENV['DEBUG']
    def test_private_debug_helper
    end
  end
end

class JsonCodecTest < CodecTest
  if Gem::Version.new(RUBY_VERSION) >= Gem::Version.new('2.7')
    def test_pattern_matching
    end
  end
end

unless ENV['NO_SLOW']
  class SlowCodecTest < CodecTest
  end
end
