// The gtest include is in the local fixture header: CMake decides.
#include "core_fixture.h"

TEST_F(CoreFixture, Starts) { EXPECT_TRUE(started_); }

TEST(CoreFreeTest, Plain) {}
