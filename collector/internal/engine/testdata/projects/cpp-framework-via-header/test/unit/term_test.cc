#include "unit/tests.hh"
#include "../../src/term.hh"

TEST(Term, Eval) {}
TEST(Term, DISABLED_Rewrite) {}
