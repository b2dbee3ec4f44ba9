// Test names a macro stringizes from its argument (oaknut's encoder tests):
// the preprocessor spells the argument as written, each run of whitespace
// one space, and joins adjacent literals.
#include <catch2/catch.hpp>

#define T(HEX, CMD)                   \
    TEST_CASE(#CMD, "[encode]")       \
    {                                 \
        unsigned expect = HEX;        \
        CHECK(expect == expect);      \
    }

T(0x1a0f01c3, ADC(W3, W14, W15))
T(0x9a0f01c3, ADC(W3,   W14,W15) + V1.S4())
T(0x00000001, MOV(X0,    /* a comment */ X1))

#define HIDDEN(NAME) TEST_CASE(#NAME "/suffix", "[.]") {}
HIDDEN(plain_id)

#define QUOTED(X) TEST_CASE(#X) {}
QUOTED(say("hi\n", '"'))

#define VARIADIC(...) TEST_CASE(#__VA_ARGS__) {}
VARIADIC(a,b, c)

static const char *const computed = "a name computed at run time";
#define NOT_STRINGIZED(X) TEST_CASE(X) {}
NOT_STRINGIZED(computed)

// A wrapper: the body follows the invocation.
#define SPEC(NAME) TEST_CASE("spec: " #NAME, "[spec]")
SPEC(parses empty input) {
    SECTION("a section of a wrapped test") {}
}
#define HIDDEN_SPEC(NAME) TEST_CASE(NAME, "[.][spec]")
HIDDEN_SPEC("a hidden spec") { CHECK(true); }
