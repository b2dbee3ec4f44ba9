// Shared fixtures for the storage tests; the tests themselves live elsewhere.
#include "gtest/gtest.h"

class StorageTest : public ::testing::Test {
 protected:
  void SetUp() override;
  FRIEND_TEST(StorageTest, Declared);
};

// TEST_F(StorageTest, InAComment) {}
void StorageTest::SetUp() {}
