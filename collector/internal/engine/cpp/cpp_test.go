package cpp

import (
	"fmt"
	"maps"
	"slices"
	"strings"
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
		{"UsageTests/Approx.tests.cpp", true}, // Catch2's SelfTest
		{"src/calc.test.cc", true},
		{"src/calc.test.h", true},
		{"src/calc.testing.cpp", false},
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
	f.Add("a_test.h", []byte("#ifndef A_H\n#define A_H\n#if X /* a\nb */ && \\\n Y\nTEST(a,b){\n#elif '\\\n'\nTEST_CASE(\"c\"){\n#endif\nSECTION(\"s\"){}}\n#endif\n"))
	f.Add("a_test.cc", []byte("#define T(H, C) TEST_CASE(#C \"/s\") {}\nT(1, a(\"\\\"\", '\"'))\n#define W(n) TEST(S, n)\nW(x) { SECTION(\"y\") {\nW(\n"))
	frontendtest.Fuzz(f, Extractor{}, "cpp", "a_test.cc",
		frontendtest.Frameworks(inventory.FrameworkGTest, inventory.FrameworkCatch2, inventory.FrameworkUnknown),
		frontendtest.ReasonWhenUnknown, oneLineConditions)
}

// oneLineConditions is a Check: a condition is one line, trimmed.
func oneLineConditions(tb testing.TB, f *inventory.File) {
	tb.Helper()
	for _, tc := range f.Tests {
		if strings.Contains(tc.Condition, "\n") || strings.TrimSpace(tc.Condition) != tc.Condition {
			tb.Fatalf("condition %q of %+v is not one trimmed line", tc.Condition, tc)
		}
	}
}

// BenchmarkCPPExtract measures the samples.
func BenchmarkCPPExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "cpp") }

// TestConditions pins the #if condition of each test: the format, nesting,
// #elif and #else chains, what is no condition (include guards, the #else
// of #if 0) and a Catch2 section's conditions with its test case's.
func TestConditions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		src  string
		want map[string]string // test (suite.name, or case path) → condition
	}{
		{"plain", "TEST(A, B) {}\n", map[string]string{"A.B": ""}},
		{"if elif else", "#if X > 1\nTEST(A, B) {}\n#elif defined Y\nTEST(A, C) {}\n#elif Z\nTEST(A, D) {}\n#else\nTEST(A, E) {}\n#endif\nTEST(A, F) {}\n",
			map[string]string{"A.B": "X > 1", "A.C": "!(X > 1) && defined Y", "A.D": "!(X > 1) && !defined Y && Z", "A.E": "!(X > 1) && !defined Y && !Z", "A.F": ""}},
		{"ifdef ifndef", "#ifdef X // why\nTEST(A, B) {}\n#endif\n#ifndef Y\nTEST(A, C) {}\n#else\nTEST(A, D) {}\n#endif\n",
			map[string]string{"A.B": "defined(X)", "A.C": "!defined(Y)", "A.D": "defined(Y)"}},
		{"nested", "#if A || B\n# ifdef C\n#  if D && E\nTEST(A, B) {}\n#  endif\n# else\nTEST(A, C) {}\n# endif\n#endif\n",
			map[string]string{"A.B": "(A || B) && defined(C) && (D && E)", "A.C": "(A || B) && !defined(C)"}},
		{"elif nested", "#if A\n#elif B\n#if C\nTEST(A, B) {}\n#endif\n#endif\n",
			map[string]string{"A.B": "(!A && B) && C"}},
		{"comments and splices", "#if defined(X) /* one */ && \\\n    Y  // two\nTEST(A, B) {}\n#endif\n",
			map[string]string{"A.B": "defined(X) && Y"}},
		{"if 0 skipped, its else no condition", "#if 0\nTEST(A, Dead) {}\n#elif X\nTEST(A, B) {}\n#else\nTEST(A, C) {}\n#endif\n",
			map[string]string{"A.B": "X", "A.C": "!X"}},
		{"elif 0 read", "#if X\n#elif 0\nTEST(A, B) {}\n#endif\n", map[string]string{"A.B": "!X && 0"}},
		{"include guard", "#pragma once\n#ifndef A_TEST_H_\n#define A_TEST_H_\nTEST(A, B) {}\n#ifdef X\nTEST(A, C) {}\n#endif\n#endif  // A_TEST_H_\n",
			map[string]string{"A.B": "", "A.C": "defined(X)"}},
		{"guard spelled with defined", "#if !defined(A_TEST_H_)\n#define A_TEST_H_\nTEST(A, B) {}\n#endif\n", map[string]string{"A.B": ""}},
		{"not a guard: code after", "#ifndef LEVEL\n#define LEVEL 2\nTEST(A, B) {}\n#endif\nint x;\n", map[string]string{"A.B": "!defined(LEVEL)"}},
		{"not a guard: other define", "#ifndef A_H\n#define B_H\nTEST(A, B) {}\n#endif\n", map[string]string{"A.B": "!defined(A_H)"}},
		{"compile once, mid-file", "int x;\n#ifndef HELPERS_INCLUDED // once per TU\n#define HELPERS_INCLUDED\nTEST(A, B) {}\n#endif\nTEST(A, C) {}\n",
			map[string]string{"A.B": "", "A.C": ""}},
		{"not once: an else", "int x;\n#ifndef ONCE\n#define ONCE\nTEST(A, B) {}\n#else\nTEST(A, C) {}\n#endif\n",
			map[string]string{"A.B": "!defined(ONCE)", "A.C": "defined(ONCE)"}},
		{"not a guard: an else at the end", "#ifndef ONCE\n#define ONCE\nTEST(A, B) {}\n#else\nTEST(A, C) {}\n#endif\n",
			map[string]string{"A.B": "!defined(ONCE)", "A.C": "defined(ONCE)"}},
		{"not a guard: unterminated", "#ifndef A_H\n#define A_H\nTEST(A, B) {}\n", map[string]string{"A.B": "!defined(A_H)"}},
		{"two headers, one body", "#if X\nTEST(A, B) {\n#else\nTEST(A, C) {\n#endif\n}\nTEST(A, D) {}\n",
			map[string]string{"A.B": "X", "A.D": ""}},
		{"sections", "#ifdef T\nTEST_CASE(\"t\") {\n#else\nTEST_CASE(\"u\") {\n#endif\n  SECTION(\"s\") {\n#if S\n    SECTION(\"inner\") {}\n#endif\n  }\n}\n",
			map[string]string{"t": "defined(T)", "t/s": "defined(T)", "t/s/inner": "defined(T) && S"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, ok, err := (Extractor{}).Extract(&frontend.Source{Path: "a_test.cc", Content: []byte(tc.src), Project: project.New()})
			if err != nil || !ok {
				t.Fatalf("Extract: ok=%v err=%v", ok, err)
			}
			got := map[string]string{}
			for _, tt := range f.Tests {
				key := tt.Name
				if len(tt.SuitePath) > 0 {
					sep := "."
					if tt.Kind == inventory.KindCase {
						sep = "/"
					}
					key = strings.Join(tt.SuitePath, sep) + sep + tt.Name
				}
				got[key] = tt.Condition
			}
			if !maps.Equal(got, tc.want) {
				t.Errorf("conditions %q, want %q", got, tc.want)
			}
		})
	}
}

// TestConditionsBounded feeds deep nesting and long #elif chains with a test
// in every branch: the work is linear up to the budget, then the file is
// skipped with a reason rather than reported with quadratic conditions.
func TestConditionsBounded(t *testing.T) {
	t.Parallel()
	var nested, chain, small strings.Builder
	for i := range 50_000 {
		fmt.Fprintf(&nested, "#if X%d\nTEST(A, T%d) {}\n", i, i)
	}
	chain.WriteString("#if 0\n")
	for i := range 50_000 {
		fmt.Fprintf(&chain, "#elif X%d\nTEST(A, T%d) {}\n", i, i)
	}
	chain.WriteString("#endif\n")
	for i := range 20 {
		fmt.Fprintf(&small, "#if X%d\nTEST(A, T%d) {}\n", i, i)
	}
	for _, tc := range []struct {
		name, src string
		skipped   bool
	}{
		{"nested", nested.String(), true},
		{"elif chain", chain.String(), true},
		{"twenty levels", small.String(), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f, ok, err := (Extractor{}).Extract(&frontend.Source{Path: "a_test.cc", Content: []byte(tc.src), Project: project.New()})
			if err != nil || !ok {
				t.Fatalf("Extract: ok=%v err=%v", ok, err)
			}
			if (f.SkipReason != "") != tc.skipped {
				t.Fatalf("skip reason %q, want skipped=%v", f.SkipReason, tc.skipped)
			}
			if !tc.skipped {
				last := f.Tests[len(f.Tests)-1].Condition
				if !strings.HasPrefix(last, "X0 && X1 && ") || !strings.HasSuffix(last, " && X19") {
					t.Fatalf("condition %q", last)
				}
			}
		})
	}
}
