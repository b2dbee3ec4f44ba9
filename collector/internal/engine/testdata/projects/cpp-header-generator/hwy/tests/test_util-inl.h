// Included by every test: includes the wrapper in turn.
#pragma once
#include "hwy/tests/my_gtest.h"
