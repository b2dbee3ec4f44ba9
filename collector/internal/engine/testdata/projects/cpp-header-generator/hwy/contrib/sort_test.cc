// Tests declared through a wrapper macro a header of the project defines,
// found from the project's root as its -I finds it.
#include "hwy/tests/test_util-inl.h"

namespace hwy {
static void TestAllSort() {}
static void TestAllSelect() {}

MY_BEFORE_TEST(SortTest);
MY_EXPORT_AND_TEST_P(SortTest, TestAllSort);
MY_EXPORT_AND_TEST_P(SortTest, TestAllSelect);
}  // namespace hwy
