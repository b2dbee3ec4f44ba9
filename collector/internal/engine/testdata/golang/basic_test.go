package basic

import (
	"fmt"
	"testing"
)

// TestAdd is a plain test.
func TestAdd(t *testing.T) {
	if 1+1 != 2 {
		t.Fatal("math")
	}
}

// Test alone is a valid test name for the go tool.
func Test(t *testing.T) {}

// Test_underscore and Test1 are tests: the rune after the prefix is not lower-case.
func Test_underscore(t *testing.T) {}

func Test1(t *testing.T) {}

// Testlower is not a test: lower-case rune after "Test".
func Testlower(t *testing.T) {}

// TestUnnamed has an unnamed parameter.
func TestUnnamed(*testing.T) {}

// TestMain runs the tests; it is not one.
func TestMain(m *testing.M) {
	m.Run()
}

// TestWrongType takes a *testing.B: `go vet` refuses it, it is not a test.
func TestWrongType(b *testing.B) {}

// TestTwoParams is not a test.
func TestTwoParams(t *testing.T, n int) {}

// TestResult is not a test.
func TestResult(t *testing.T) error { return nil }

// TestGeneric is not a test: generic functions cannot be.
func TestGeneric[T any](t *testing.T) {}

type suite struct{}

// TestMethod is a method, not a test.
func (suite) TestMethod(t *testing.T) {}

func BenchmarkAdd(b *testing.B) {
	for b.Loop() {
	}
}

func Benchmarklower(b *testing.B) {}

func FuzzParse(f *testing.F) {
	f.Add("seed")
	f.Fuzz(func(t *testing.T, s string) {
		t.Run("not a subtest of a fuzz target", func(t *testing.T) {})
	})
}

func ExampleAdd() {
	fmt.Println(2)
	// Output: 2
}

func ExampleAdd_unordered() {
	fmt.Println(1)
	fmt.Println(2)
	// Unordered output:
	// 2
	// 1
}

func ExampleAdd_upper() {
	fmt.Println(3)
	// OUTPUT: 3
}

func ExampleAdd_emptyOutput() {
	// Output:
}

// ExampleAdd_noOutput is compiled but not run.
func ExampleAdd_noOutput() {
	fmt.Println(4)
}

// ExampleAdd_outputNotLast is not run: the output comment must be the last one.
func ExampleAdd_outputNotLast() {
	// Output: 5
	fmt.Println(5)
	// trailing note
}

// ExampleAdd_params takes a parameter, so it is not an example.
func ExampleAdd_params(n int) {
	// Output:
}

func Examplelower() {
	// Output:
}
