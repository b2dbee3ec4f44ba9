#pragma once
#include "includes.h"
struct test_sink {};
