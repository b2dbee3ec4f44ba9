#include "gtest/gtest.h"

int Answer();

TEST(CoreTest, Answers) { EXPECT_EQ(Answer(), 42); }

TEST(CoreTest, DISABLED_Slow) {}
