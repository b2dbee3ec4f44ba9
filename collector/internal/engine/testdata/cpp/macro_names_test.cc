// Suite and test names built by macros of the same file.
#include <gtest/gtest.h>

#define PREFIX_WITH_FOO(test_name) Foo##test_name
#define PREFIX_WITH_MACRO(test_name) Macro##test_name

// MacroNamingTest.FooSomeTestName
TEST(PREFIX_WITH_MACRO(NamingTest), PREFIX_WITH_FOO(SomeTestName)) {}

// One definition: File.Reads.
#define MAYBE_Reads Reads
TEST(File, MAYBE_Reads) {}

// Disabled everywhere through the macro: File.DISABLED_Writes, skipped.
#define MAYBE_Writes DISABLED_Writes
TEST(File, MAYBE_Writes) {}

// A platform choice: one test per branch, each with the branch's condition
// (File.DISABLED_Locks, skipped, where _WIN32 is defined; File.Locks elsewhere).
#if defined(_WIN32)
#define MAYBE_Locks DISABLED_Locks
#else
#define MAYBE_Locks Locks
#endif
TEST(File, MAYBE_Locks) {}

// Not an identifier once expanded: kept as written.
#define STRINGY(x) #x
TEST(File, STRINGY(quoted)) {}
