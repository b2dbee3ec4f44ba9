#include <gtest/gtest.h>

// TEST(CommentTest, NotATest) {}
/* TEST(BlockCommentTest, NotATest) {
   } */

#define MAKE_TEST(name) \
  TEST(MacroTest, name) { \
    EXPECT_TRUE(true);    \
  }

MAKE_TEST(GeneratedByAMacro)

#if 0
TEST(DisabledByPreprocessor, NotCompiled) {}
#endif

#ifdef HAVE_FEATURE
TEST(FeatureTest, CompiledWhenDefined) {}
#endif

static const char* kFixture = R"json(
TEST(RawStringTest, NotATest) { }
)json";

static const char* kEscaped = "TEST(StringTest, NotATest) { \" }";

TEST(TrapTest, DigitSeparators) {
  constexpr long kBig = 1'000'000;
  char open = '{';
  char quote = '\'';
  EXPECT_EQ(kBig, 1000000);
}

TEST(TrapTest, BracesInStrings) {
  std::string s = "}}}";
  EXPECT_EQ(s.size(), 3u);
}

void TEST(int not_a_test);

TEST(TrapTest, AfterEverything) {}
