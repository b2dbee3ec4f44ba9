require 'test/unit'

class LegacyTest < Test::Unit::TestCase
  def test_old_behaviour
    assert_equal 1, 1
  end

  test "block style" do
    assert true
  end
end
