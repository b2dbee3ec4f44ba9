#ifndef GRINGO_TEST_TESTS_HH
#define GRINGO_TEST_TESTS_HH
// A header found in a folder above the including file's (gringo's
// libgringo/tests/tests.hh, included as "tests/tests.hh").
#include <gtest/gtest.h>
#endif
