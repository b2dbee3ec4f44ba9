// Tests registered at run time with testing::RegisterTest: declared in
// source when the suite and test names are string literals.
#include <string>
#include <vector>

#include "gtest/gtest.h"

class Fixture : public testing::Test {};

class Impl : public Fixture {
 public:
  void TestBody() override {}
};

// A static initializer, as in googletest's own output test.
auto* registered = testing::RegisterTest(
    "Dynamic", "Registered", nullptr, nullptr, __FILE__, __LINE__,
    []() -> Fixture* { return new Impl; });

auto pair = (::testing::RegisterTest("Dynamic", "First", "TYPE", "VALUE",
                                     __FILE__, __LINE__,
                                     []() -> Fixture* { return new Impl; }),
             testing::RegisterTest("DISABLED_Dynamic", "Second", nullptr,
                                   nullptr, __FILE__, __LINE__,
                                   []() -> Fixture* { return new Impl; }));

// Names computed at run time are not reported.
void RegisterAll(const std::vector<int>& values) {
  for (int v : values) {
    testing::RegisterTest("Dynamic", ("Value" + std::to_string(v)).c_str(),
                          nullptr, std::to_string(v).c_str(), __FILE__,
                          __LINE__, [=]() -> Fixture* { return new Impl; });
  }
}

// Not gtest's: another RegisterTest, and a call with too few arguments.
void RegisterTest(const char* suite, const char* name);
void Other() {
  RegisterTest("Mine", "NotATest");
  mylib::RegisterTest("Mine", "NotATestEither", 1, 2, 3, 4, 5);
  testing::RegisterTest("Mine", "Broken");
}

TEST(Plain, StillFound) {}
