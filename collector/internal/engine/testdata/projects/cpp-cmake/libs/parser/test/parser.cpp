#include "parser_test_helpers.hpp"

TEST_CASE("parses numbers", "[parser]") {
  SECTION("integers") {}
  SECTION("floats") {}
}

TEST_CASE("rejects garbage", "[parser][!shouldfail]") {}
