// Not a candidate: ordinary source. TEST(Not, Scanned) {}
int Answer() { return 42; }
