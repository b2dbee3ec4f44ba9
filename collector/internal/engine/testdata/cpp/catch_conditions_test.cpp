// Catch2 test cases and sections under preprocessor conditions: a section
// carries every condition around it, its test case's included.
#include <catch2/catch_test_macros.hpp>

#include <vector>

TEST_CASE("vector grows", "[vector]") {
  std::vector<int> v;
  SECTION("push_back") {
    v.push_back(1);
    REQUIRE(v.size() == 1);
  }
#ifdef __cpp_lib_ranges
  SECTION("ranges") {
    SECTION("views") { REQUIRE(v.empty()); }
  }
#endif
}

#if defined(CATCH_CONFIG_ENABLE_BENCHMARKING)
TEST_CASE("benchmarks run", "[bench]") {
  SECTION("warm up") { REQUIRE(true); }
#if !defined(NDEBUG)
  SECTION("debug build") { REQUIRE(true); }
#endif
}
#endif

#ifndef TESTLENS_NO_EXCEPTIONS
SCENARIO("errors are thrown", "[errors]") {
  GIVEN("an empty vector") {
    std::vector<int> v;
    WHEN("at(0) is called") {
      THEN("it throws") { REQUIRE_THROWS(v.at(0)); }
    }
  }
}
#endif

// Two headers for one body: the section is compiled only under the first.
#if CATCH_VERSION_MAJOR >= 3
TEST_CASE("version three header", "[v3]") {
#else
TEST_CASE("version two header", "[v2]") {
#endif
  SECTION("shared body") { REQUIRE(true); }
}

TEST_CASE("no condition", "[plain]") { REQUIRE(true); }
