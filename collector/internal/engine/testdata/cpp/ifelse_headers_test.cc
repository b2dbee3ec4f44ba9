// Two headers for one test body, chosen by the preprocessor (googlemock's
// gmock-matchers-comparisons_test.cc): only the first header is read, and
// the tests after the body are still found.
#include "gtest/gtest.h"

#if defined(_MSC_VER) && (_MSC_VER < 1910)
TEST(ComparisonBaseTest, DISABLED_WorksWithMoveOnly) {
#else
TEST(ComparisonBaseTest, WorksWithMoveOnly) {
#endif
  int m = 0;
  EXPECT_EQ(m, 0);
}

TEST(IsNullTest, MatchesNullPointer) { EXPECT_TRUE(true); }

// Alternatives with balanced braces: each branch is read.
#ifdef _WIN32
TEST(PathTest, Backslash) {}
#elif defined(__APPLE__)
TEST(PathTest, Mac) {}
#else
TEST(PathTest, Slash) {}
#endif

// A namespace opened in one of two ways, closed once.
#if USE_INLINE_NAMESPACE
namespace testing_v2 {
#else
namespace testing_v1 {
#endif
TEST(Namespaced, Found) {}
}  // namespace

#if 0
TEST(Dead, NotRead) {
#else
TEST(Alive, Read) {
#endif
}

TEST(Last, AlsoFound) {}
