// Includes only a local header: the framework is not visible from this file.
#include "test_harness.h"

TEST(RingBuffer, WrapsAround) {
  RingBuffer<int, 2> rb;
  rb.push(1);
}

TEST(RingBuffer, StartsEmpty) {}
