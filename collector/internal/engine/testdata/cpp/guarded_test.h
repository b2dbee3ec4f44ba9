// Tests shared by several binaries in a header. Its include guard is not a
// condition; the #if inside it is.
#ifndef TESTLENS_GUARDED_TEST_H_
#define TESTLENS_GUARDED_TEST_H_

#include <gtest/gtest.h>

TEST(GuardedTest, NoCondition) { EXPECT_TRUE(true); }

#if GTEST_HAS_EXCEPTIONS
TEST(GuardedTest, Throws) { EXPECT_THROW(throw 1, int); }
#endif

#endif  // TESTLENS_GUARDED_TEST_H_
