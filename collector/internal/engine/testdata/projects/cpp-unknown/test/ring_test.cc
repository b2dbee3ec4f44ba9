// A home-grown or vendored harness: no include or build file names gtest.
#include "harness.h"

TEST(Ring, Wraps) {}

TEST(Ring, StartsEmpty) {}
