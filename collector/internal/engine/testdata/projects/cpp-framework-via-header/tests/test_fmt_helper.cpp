// Two levels down: this header includes the one that includes Catch2.
#include "test_sink.h"

TEST_CASE("pad2", "[fmt_helper]") {}
