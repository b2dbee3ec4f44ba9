require "test_helper"

class UserTest < ActiveSupport::TestCase
  setup do
    @user = users(:ada)
  end

  test "the truth" do
    assert true
  end

  test "validates   email presence" do
    @user.email = nil
    assert_not @user.valid?
  end

  test "is pending" do
    skip "waiting on the mailer"
  end

  test "not written yet"

  def test_classic_style
    assert @user
  end
end

class UsersControllerTest < ActionDispatch::IntegrationTest
  test "should get index" do
    get users_url
    assert_response :success
  end
end

class ApplicationHelperTest < ActionView::TestCase
end
