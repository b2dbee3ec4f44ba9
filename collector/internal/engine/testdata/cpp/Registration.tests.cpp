// Catch2's own file naming (its SelfTest suite: Class.tests.cpp,
// Misc.tests.cpp), test cases whose body is a function written elsewhere
// (METHOD_AS_TEST_CASE, REGISTER_TEST_CASE), and special tags Catch2 reads
// whatever their case.
#include "catch.hpp"

#include <string>

class TestClass {
    std::string s = "hello";

public:
    void succeedingCase() { REQUIRE( s == "hello" ); }
    void failingCase() { REQUIRE( s == "world" ); }
};

METHOD_AS_TEST_CASE( TestClass::succeedingCase, "A METHOD_AS_TEST_CASE based test run that succeeds", "[class]" )
METHOD_AS_TEST_CASE( TestClass::failingCase, "A METHOD_AS_TEST_CASE based test run that fails", "[.][class][failing]" )

inline void manuallyRegisteredTestFunction() {
    SUCCEED( "was called" );
}

struct AutoTestReg {
    AutoTestReg() {
        REGISTER_TEST_CASE( manuallyRegisteredTestFunction, "ManuallyRegistered" );
        // Known only when the constructor runs: not reported.
        for ( std::string name : { "generated 1", "generated 2" } )
            REGISTER_TEST_CASE( manuallyRegisteredTestFunction, name );
    }
};

static AutoTestReg autoTestReg;

TEST_CASE( "A TEST_CASE after the registrations", "[class]" ) {
    SECTION( "still has its sections" ) { SUCCEED(); }
}

TEST_CASE( "Benchmarks are hidden", "[!benchmark]" ) {}

TEST_CASE( "Special tags in any case", "[!MayFail]" ) {}
