// The project's own wrapper around TEST_P (as hwy/tests/hwy_gtest.h is).
#pragma once
#include "gtest/gtest.h"

#define MY_BEFORE_TEST(suite)                                          \
  class suite : public ::testing::TestWithParam<int> {};               \
  INSTANTIATE_TEST_SUITE_P(Targets, suite, ::testing::Values(1, 2));   \
  static_assert(true, "trailing semicolon")

#define MY_EXPORT_AND_TEST_P(suite, func_name) \
  TEST_P(suite, func_name) { func_name(); }    \
  static_assert(true, "trailing semicolon")
