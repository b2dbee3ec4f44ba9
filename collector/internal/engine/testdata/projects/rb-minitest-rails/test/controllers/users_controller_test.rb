require 'test_helper'

class UsersControllerTest < ActionDispatch::IntegrationTest
  def test_index
    get '/users'
    assert_response :success
  end
end
