// Tests compiled only where a preprocessor condition holds carry it
// (Test.Condition), as an expression an #if can evaluate. They are reported
// and counted either way.
#include <gtest/gtest.h>

#include <string>

// Not an include guard: #define X follows #ifndef X, but the group does not
// end the file, so the test inside is conditional.
#ifndef TESTLENS_DEFAULT_LEVEL
#define TESTLENS_DEFAULT_LEVEL 2
TEST(DefaultLevelTest, UsesTwo) { EXPECT_EQ(TESTLENS_DEFAULT_LEVEL, 2); }
#endif

TEST(PlainTest, NoCondition) { EXPECT_TRUE(true); }

/*
#if NOT_A_DIRECTIVE
TEST(CommentedOut, NotATest) {}
#endif
*/

#if GTEST_OS_WINDOWS
TEST(PathTest, Backslash) { EXPECT_EQ('\\', '\\'); }
#elif GTEST_OS_MAC || GTEST_OS_IOS
TEST(PathTest, MacSeparator) { EXPECT_EQ('/', '/'); }
#elif defined(__linux__) && \
    !defined(__ANDROID__)  /* desktop Linux */
TEST(PathTest, LinuxSeparator) { EXPECT_EQ('/', '/'); }
#else
TEST(PathTest, OtherSeparator) { EXPECT_EQ('/', '/'); }
#endif  // GTEST_OS_WINDOWS

#ifdef GTEST_HAS_DEATH_TEST  // death tests need fork()
TEST(DeathTest, Dies) { EXPECT_DEATH(abort(), ""); }
# if GTEST_HAS_PTHREAD
TEST(DeathTest, DiesInThread) { EXPECT_DEATH(abort(), ""); }
#  ifndef NDEBUG
TEST(DeathTest, DebugOnly) { EXPECT_DEBUG_DEATH(abort(), ""); }
#  endif
# else
TEST(DeathTest, NoThreads) { EXPECT_TRUE(true); }
# endif
#else
TEST(DeathTest, Unsupported) { GTEST_SKIP() << "no death tests here"; }
#endif

#if 0
TEST(DisabledTest, NotReported) {}
#elif __cplusplus >= 201703L
TEST(CxxTest, Seventeen) { EXPECT_TRUE(true); }
#endif

#if 0  // kept for reference
TEST(DisabledTest, AlsoNotReported) {}
#else
TEST(EnabledTest, NoConditionLeft) { EXPECT_TRUE(true); }
#endif

#ifndef _WIN32
TEST(PosixTest, Fork) { EXPECT_TRUE(true); }
#elifdef __MINGW32__
TEST(MinGWTest, Spawn) { EXPECT_TRUE(true); }
#else
TEST(WindowsTest, CreateProcess) { EXPECT_TRUE(true); }
#endif

#if !(defined(_MSC_VER) || defined(__MINGW32__))
TEST(CompilerTest, NotMicrosoft) { EXPECT_TRUE(true); }
#else
TEST(CompilerTest, Microsoft) { EXPECT_TRUE(true); }
#endif

// Two headers for one body: the first header is read, with its condition.
#if defined(_MSC_VER) && (_MSC_VER < 1910)
TEST(MoveOnlyTest, DISABLED_Works) {
#else
TEST(MoveOnlyTest, Works) {
#endif
  std::string s = "#if NOT_A_DIRECTIVE";
  EXPECT_FALSE(s.empty());
}

class ParamTest : public ::testing::TestWithParam<int> {};

#if GTEST_HAS_PARAM_TEST && !defined(TESTLENS_NO_PARAMS)
TEST_P(ParamTest, IsPositive) { EXPECT_GT(GetParam(), 0); }
INSTANTIATE_TEST_SUITE_P(Small, ParamTest, ::testing::Values(1, 2, 3));
#endif

TEST(PlainTest, AfterEverything) { EXPECT_TRUE(true); }
