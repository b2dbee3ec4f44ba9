// Tests a macro of this file generates, as libyuv, rapidjson and googletest's
// own suites write them.
#include "gtest/gtest.h"

class ConvertTest : public ::testing::Test {};

// A generator calling a generator: names pasted with ##.
#define TESTPLANARTOBI(FMT_PLANAR, FMT_B, N) \
  TEST_F(ConvertTest, FMT_PLANAR##To##FMT_B##N) { EXPECT_TRUE(true); }

// Two definitions, one per #if branch: each branch's tests carry its
// condition.
#if defined(ENABLE_FULL_TESTS)
#define TESTPLANARTOB(FMT_PLANAR, FMT_B)  \
  TESTPLANARTOBI(FMT_PLANAR, FMT_B, _Any) \
  TESTPLANARTOBI(FMT_PLANAR, FMT_B, _Opt)
#else
#define TESTPLANARTOB(FMT_PLANAR, FMT_B) TESTPLANARTOBI(FMT_PLANAR, FMT_B, _Opt)
#endif

TESTPLANARTOB(I420, ARGB)
TESTPLANARTOBI(J420, ABGR, _Invert)

// Defined, used, #undef'd and defined again: each use takes the definition
// in force.
#define TEST_FACTOR(name) TEST_F(ConvertTest, ScaleDownBy##name) {}
TEST_FACTOR(2)
#undef TEST_FACTOR
#define TEST_FACTOR(name) TEST_F(ConvertTest, ScaleUpBy##name) {}
TEST_FACTOR(3)
#undef TEST_FACTOR

// An argument that names an object-like macro is expanded before a
// generator passes it on (not where it is pasted): AR64ToAB64_Endswap.
#define AB64ToAR64 AR64ToAB64
#define TESTENDI(FMT_ATOB, N) TEST_F(ConvertTest, FMT_ATOB##_Endswap##N) {}
#define TESTEND(FMT_ATOB) TESTENDI(FMT_ATOB, _Opt)
TESTEND(AB64ToAR64)

// A name macro defined per branch: one test per branch, with its condition.
#if defined(__SSE4_2__)
#define SIMD_SUFFIX(name) name##_SSE42
#else
#define SIMD_SUFFIX(name) name
#endif

TEST(Simd, SIMD_SUFFIX(SkipWhitespace)) {}

// Strings and comments that mention the macros are no invocations.
static const char* kText = "TESTPLANARTOB(NV12, RGB)";
// TESTPLANARTOBI(NV21, RGB, _Any)

TEST_F(ConvertTest, Plain) {}

// A wrapper: the test's body follows the invocation.
#define CONVERT_TEST(name) TEST_F(ConvertTest, Wrapped##name)
CONVERT_TEST(Rows) {
  EXPECT_TRUE(true);
}
CONVERT_TEST(Cols) { GTEST_SKIP(); }
#define CONVERT_TEST_AS_NAMED(name) TEST_F(ConvertTest, name)
CONVERT_TEST_AS_NAMED(DISABLED_Planes) {}
