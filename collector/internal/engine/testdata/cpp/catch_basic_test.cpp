#include <catch2/catch_test_macros.hpp>

#include <vector>

TEST_CASE("vectors can be sized and resized", "[vector]") {
  std::vector<int> v(5);

  REQUIRE(v.size() == 5);

  SECTION("resizing bigger changes size and capacity") {
    v.resize(10);
    REQUIRE(v.size() == 10);
  }
  SECTION("reserving bigger changes capacity but not size") {
    v.reserve(10);

    SECTION("reserving down unused capacity does not change capacity") {
      v.reserve(5);
      REQUIRE(v.capacity() >= 10);
    }
  }
}

TEST_CASE("no tags") { REQUIRE(1 + 1 == 2); }

TEST_CASE("hidden by a dot tag", "[.][slow]") {}

TEST_CASE("hidden by a named dot tag", "[.integration]") {}

TEST_CASE("hidden the old way", "[!hide]") {}

TEST_CASE("./hidden by its name") {}

TEST_CASE("may fail", "[!mayfail]") {
  SECTION("even its sections") {}
}

TEST_CASE("should fail", "[!shouldfail][math]") {}

TEST_CASE("adjacent " "literals", "[concat]") {}

TEST_CASE(R"(a raw "name")", "[raw]") {}

TEST_CASE("escaped \"quotes\"") {}

struct Fixture {
  int value = 42;
};

TEST_CASE_METHOD(Fixture, "fixture members are visible", "[fixture]") {
  REQUIRE(value == 42);
}

TEST_CASE("skipped at run time") {
  SKIP("not on this platform");
}

TEST_CASE("sections in a loop") {
  for (int i = 0; i < 3; ++i) {
    SECTION("inside the loop") {}
  }
  DYNAMIC_SECTION("computed " << 1) {}
}
