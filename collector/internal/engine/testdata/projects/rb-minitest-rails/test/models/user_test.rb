require 'test_helper'

class UserTest < ActiveSupport::TestCase
  test 'requires an email' do
    assert_not User.new.valid?
  end

  test 'normalizes the email' do
    skip 'normalization lands in the next release'
  end
end
