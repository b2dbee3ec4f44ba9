// A file that is also #included into other test files (a compile-time
// build that includes every test file ten times) guards its helpers so
// they compile once per translation unit. That guard is no configuration:
// the tests inside it are compiled in every build.
#include "catch.hpp"

namespace {

#ifndef MISC_TEST_HELPERS_INCLUDED // Don't compile this more than once per TU
#define MISC_TEST_HELPERS_INCLUDED

inline void manuallyRegisteredTestFunction() {
    SUCCEED( "was called" );
}

struct AutoTestReg {
    AutoTestReg() {
        REGISTER_TEST_CASE( manuallyRegisteredTestFunction, "ManuallyRegistered" );
    }
};

static AutoTestReg autoTestReg;

#endif

} // namespace

TEST_CASE( "after the helpers", "[misc]" ) {}

// A default value, not a guard: -DMAX_ITEMS=… leaves the test out.
#ifndef MAX_ITEMS
#define MAX_ITEMS 100
TEST_CASE( "default item limit", "[misc]" ) {}
#endif

// Two branches: a configuration again.
#ifndef USE_FAST_PATH
#define USE_FAST_PATH
TEST_CASE( "slow path", "[misc]" ) {}
#else
TEST_CASE( "fast path", "[misc]" ) {}
#endif
