#pragma once
// The suite's one header: every test file includes it, not Catch2 itself
// (spdlog's tests/includes.h).
#include <chrono>
#include <catch2/catch.hpp>

#include "utils.h"
