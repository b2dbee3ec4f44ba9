#include <catch2/catch_all.hpp>

SCENARIO("vectors can be sized and resized", "[vector][bdd]") {
  GIVEN("A vector with some items") {
    std::vector<int> v(5);

    WHEN("the size is increased") {
      v.resize(10);

      THEN("the size and capacity change") {
        REQUIRE(v.size() == 10);
      }
      AND_THEN("nothing else changes") {}
    }
    AND_WHEN("the size is reduced") {
      v.resize(0);
      THEN("the size changes but not capacity") {
        REQUIRE(v.size() == 0);
      }
    }
  }
  AND_GIVEN("another vector") {}
}

SCENARIO("hidden scenario", "[.]") {
  GIVEN("anything") {}
}
