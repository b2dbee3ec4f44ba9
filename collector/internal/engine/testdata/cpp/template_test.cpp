#define CATCH_CONFIG_PREFIX_ALL
#include <catch2/catch_template_test_macros.hpp>
#include <catch2/catch_test_macros.hpp>

#include <tuple>
#include <vector>

TEMPLATE_TEST_CASE("vectors of any type start empty", "[vector][template]", int, std::string,
                   (std::tuple<int, float>)) {
  std::vector<TestType> v;
  CATCH_REQUIRE(v.empty());
}

using MyTypes = std::tuple<int, char, float>;
TEMPLATE_LIST_TEST_CASE("template list", "[template][list]", MyTypes) {
  CATCH_SECTION("sized") {}
}

CATCH_TEST_CASE("prefixed macros", "[prefix]") {
  CATCH_SECTION("prefixed section") {}
}

CATCH_SCENARIO("prefixed scenario") {
  CATCH_GIVEN("x") {}
}

template <typename T>
struct Template_Fixture_2 {
  T m_a;
};

template <typename T, size_t S>
struct Template_Foo_2 {
  size_t size() { return S; }
};

CATCH_TEMPLATE_PRODUCT_TEST_CASE_METHOD_SIG(Template_Fixture_2, "product of fixtures with a signature", "[template][product][nttp]",
                                            ((typename T, size_t S), T, S), (std::array, Template_Foo_2), ((int, 2), (float, 6))) {
  CATCH_REQUIRE(Template_Fixture_2<TestType>{}.m_a.size() >= 2);
}
