#include "includes.h"

TEST_CASE("basic_logging ", "[basic_logging]") {
    REQUIRE(count_lines("x") == 0);
}

TEST_CASE("to_level_enum", "[convert_to_level_enum]") {
    SECTION("trace") {}
}
