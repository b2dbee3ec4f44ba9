// Boost.Test, which the engine does not decide as a framework: the file is
// still reported (framework unknown, with the reason), its cases listed by
// name under their suites, as Thrift's lib/cpp/test files write them.
#define BOOST_TEST_MODULE Base64Test
#include <boost/test/unit_test.hpp>
#include <boost/test/data/test_case.hpp>

namespace utf = boost::unit_test;
namespace data = boost::unit_test::data;

struct Fixture {
  int value = 1;
};

BOOST_AUTO_TEST_CASE(test_Base64_Encode_Decode) {
  BOOST_CHECK_EQUAL(1, 1);
}

BOOST_AUTO_TEST_SUITE(Codec)

BOOST_AUTO_TEST_CASE(round_trip) {
  // BOOST_AUTO_TEST_CASE(not_a_test) in a comment
  const char* s = "BOOST_AUTO_TEST_CASE(not_a_test_either) {}";
  BOOST_TEST(s != nullptr);
}

BOOST_FIXTURE_TEST_CASE(with_fixture, Fixture) {
  BOOST_TEST(value == 1);
}

BOOST_AUTO_TEST_SUITE(Nested, *utf::label("slow"))

BOOST_AUTO_TEST_CASE(disabled_case, *utf::disabled()) {
  BOOST_TEST(false);
}

BOOST_DATA_TEST_CASE(over_values, data::make({1, 2, 3}), v) {
  BOOST_TEST(v > 0);
}

BOOST_AUTO_TEST_SUITE_END()
BOOST_AUTO_TEST_SUITE_END()

typedef boost::mpl::list<int, long> types;
BOOST_AUTO_TEST_CASE_TEMPLATE(templated, T, types) {
  BOOST_TEST(sizeof(T) > 0);
}
