require 'test_helper'

class ApiTestCase < ActiveSupport::TestCase
  def authenticated_get(path)
    get path, headers: { 'Authorization' => 'token' }
  end
end

class OrdersApiTest < ApiTestCase
  def test_lists_orders
    assert true
  end
end

class PlainHelper
  def test_not_in_a_test_class
  end
end

class SharedBehaviourTest < Minitest::Test
  def test_shared_behaviour
  end

  def test_overridden
  end
end

class ConcreteTest < SharedBehaviourTest
  def test_overridden
    skip 'not for this one'
  end

  def test_concrete
  end
end
