package cpp

import (
	"slices"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

func TestCandidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"src/calc_test.cc", true},
		{"src/calc_test.cpp", true},
		{"src/calc_test.cxx", true},
		{"src/calc_tests.cpp", true},
		{"src/calc_unittest.cc", true},
		{"src/calc-test.cpp", true},
		{"src/test_calc.cpp", true},
		{"src/CalcTest.cpp", true},
		{"src/CalcTests.cpp", true},
		{"test/calc.cpp", true},
		{"tests/unit/calc.cc", true},
		{"Tests/calc.cpp", true},
		{"src/calc.cpp", false},
		{"src/calc_test.h", true}, // shared between binaries: gmock_link_test.h
		{"test/gtest-typed-test_test.hpp", true},
		{"test/helpers.hpp", false},
		{"test/calc.h", false},
		{"src/calc_test.go", false},
		{"src/contest.cpp", false},
		{"src/latest.cc", false},
		{"attest/calc.cpp", false},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestDetectionFromProject(t *testing.T) {
	t.Parallel()
	src := []byte("#include \"harness.h\"\nTEST(A, B) {}\n")
	proj := project.New()
	proj.Add("CMakeLists.txt", []byte("find_package(GTest REQUIRED)\ntarget_link_libraries(t GTest::gtest_main)\n"))
	f, ok, err := (Extractor{}).Extract(&frontend.Source{Path: "tests/a_test.cc", Content: src, Project: proj})
	if err != nil || !ok || f.Framework != inventory.FrameworkGTest || f.FrameworkReason != "" {
		t.Fatalf("got %+v ok=%v err=%v, want gtest from CMakeLists.txt", f, ok, err)
	}
}

func TestLexer(t *testing.T) {
	t.Parallel()
	lx := lex("#include <gtest/gtest.h>\n#if 0\n#if X\nTEST(a,b){}\n#endif\nTEST(c,d){}\n#else\nx\n#endif\nR\"d(TEST)d\" u8\"a\" L'b' 1'000 y")
	var got []string
	for _, tk := range lx.toks {
		got = append(got, tk.text)
	}
	want := []string{"x", `R"d(TEST)d"`, `u8"a"`, `L'b'`, "1'000", "y"}
	if !slices.Equal(got, want) || !slices.Equal(lx.includes, []string{"gtest/gtest.h"}) {
		t.Fatalf("tokens %q includes %q, want %q", got, lx.includes, want)
	}
	if lx.toks[len(lx.toks)-1].line != 10 {
		t.Fatalf("last token on line %d, want 10", lx.toks[len(lx.toks)-1].line)
	}
}

// FuzzCPPExtractor feeds arbitrary sources to the front end: no panic, no
// error, and only sane tests.
func FuzzCPPExtractor(f *testing.F) {
	f.Add("a_test.cc", []byte("TEST_CASE(\"a\") { SECTION(\"b\") { SECTION("))
	f.Add("a_test.cc", []byte("TEST(a, b) { R\"x("))
	f.Add("a_test.cc", []byte("#if 0\nTEST(a,b){}\n#elif 1\nTEST(c,d){}\n"))
	frontendtest.Fuzz(f, Extractor{}, "cpp", "a_test.cc",
		frontendtest.Frameworks(inventory.FrameworkGTest, inventory.FrameworkCatch2, inventory.FrameworkUnknown),
		frontendtest.ReasonWhenUnknown)
}

// BenchmarkCPPExtract measures the samples.
func BenchmarkCPPExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "cpp") }
