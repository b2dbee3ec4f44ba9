// Copyright 2024 The Example Authors.
#include "gtest/gtest.h"

#include "src/calculator.h"

namespace example {
namespace {

int Square(int x) { return x * x; }

TEST(CalculatorTest, AddsTwoNumbers) {
  Calculator c;
  EXPECT_EQ(c.Add(2, 2), 4);
}

TEST(CalculatorTest, DISABLED_DividesByZero) {
  Calculator c;
  EXPECT_DEATH(c.Divide(1, 0), "zero");
}

TEST(DISABLED_LegacyTest, StillCompiles) {}

TEST(CalculatorTest, SkipsOnCI) {
  GTEST_SKIP() << "Flaky on CI";
  EXPECT_TRUE(false);
}

TEST(CalculatorTest, SkipsLater) {
  if (std::getenv("CI") != nullptr) {
    GTEST_SKIP();
  }
  EXPECT_EQ(Square(3), 9);
}

class StackTest : public ::testing::Test {
 protected:
  void SetUp() override { stack_.push(1); }
  FRIEND_TEST(StackTest, NotATestDeclaration);
  std::stack<int> stack_;
};

TEST_F(StackTest, StartsWithOne) { EXPECT_EQ(stack_.top(), 1); }

TEST_F(StackTest,
       SpansSeveralLines) {
  EXPECT_FALSE(stack_.empty());
}

GTEST_TEST(AliasTest, Works) { SUCCEED(); }

}  // namespace
}  // namespace example
