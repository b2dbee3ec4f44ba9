// Includes only a header that includes no framework: unknown, with the reason.
#include "../src/term.hh"

TEST(Ring, Wraps) {}
