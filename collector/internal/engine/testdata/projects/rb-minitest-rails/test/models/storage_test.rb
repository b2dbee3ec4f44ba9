require 'test_helper'
require_relative '../support/shared_storage_tests'

class DiskStorageTest < ActiveSupport::TestCase
  include SharedStorageTests
  include SharedCheckerTests

  test 'writes to disk' do
    assert true
  end
end

class MemoryStorageTest < ActiveSupport::TestCase
  include SharedStorageTests
end
