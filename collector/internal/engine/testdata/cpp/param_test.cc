#include <gtest/gtest.h>

#include <string>
#include <tuple>

class IsPrimeParamTest : public ::testing::TestWithParam<int> {};

TEST_P(IsPrimeParamTest, ReturnsTrueForPrimes) {
  EXPECT_TRUE(IsPrime(GetParam()));
}

TEST_P(IsPrimeParamTest, DISABLED_ReturnsFalseForSquares) {
  EXPECT_FALSE(IsPrime(GetParam() * GetParam()));
}

INSTANTIATE_TEST_SUITE_P(Primes, IsPrimeParamTest, ::testing::Values(2, 3, 5, 7));

template <typename T>
class QueueTest : public ::testing::Test {};

using MyTypes = ::testing::Types<char, int, unsigned int>;
TYPED_TEST_SUITE(QueueTest, MyTypes);

TYPED_TEST(QueueTest, IsEmptyInitially) {
  TypeParam value = 0;
  EXPECT_EQ(value, 0);
}

template <typename T>
class ContainerTest : public ::testing::Test {};

TYPED_TEST_SUITE_P(ContainerTest);

TYPED_TEST_P(ContainerTest, CanBeDefaultConstructed) {
  TypeParam container;
}

TYPED_TEST_P(ContainerTest, InitialSizeIsZero) {
  TypeParam container;
  EXPECT_EQ(container.size(), 0U);
}

REGISTER_TYPED_TEST_SUITE_P(ContainerTest, CanBeDefaultConstructed, InitialSizeIsZero);
INSTANTIATE_TYPED_TEST_SUITE_P(My, ContainerTest, std::vector<int>);
