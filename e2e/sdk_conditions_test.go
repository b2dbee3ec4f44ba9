package e2e

import (
	"reflect"
	"strings"
	"testing"

	"github.com/testlens/testlens/sdk"
)

// conditionsRepo writes a repository whose tests sit under conditions of
// three languages: a Rust #[cfg], a C++ #if and a Python module's
// importorskip.
func conditionsRepo(t *testing.T) string {
	t.Helper()
	files := map[string]string{
		"Cargo.toml": "[package]\nname = \"calc\"\nversion = \"0.1.0\"\n\n[features]\nserde = []\n",
		"src/lib.rs": `pub fn add(a: i32, b: i32) -> i32 { a + b }

#[cfg(test)]
mod tests {
    #[test]
    fn adds() { assert_eq!(super::add(1, 2), 3); }

    #[cfg(feature = "serde")]
    #[test]
    fn serializes() {}
}
`,
		"tests/calc_test.cc": `#include <gtest/gtest.h>

TEST(Calc, Adds) { EXPECT_EQ(3, 1 + 2); }

#ifdef _WIN32
TEST(Calc, UsesWindowsPaths) {}
#endif
`,
		"tests/test_arrow.py": `import pytest

pa = pytest.importorskip("pyarrow")


def test_table():
    assert pa.table({"a": [1]}).num_rows == 1
`,
	}
	return writeRepo(t, files)
}

// TestSDKConditions follows a test's condition from the source through the
// collector, PostgreSQL, the API's test pages and inventory document, to the
// SDK.
func TestSDKConditions(t *testing.T) {
	t.Parallel()
	b := setup(t)
	c := sdkClient(t, b)
	done := analyzeAndWait(t, b, c, conditionsRepo(t))

	want := map[string]string{
		"src/lib.rs tests/adds":                    "",
		"src/lib.rs tests/serializes":              `feature = "serde"`,
		"tests/calc_test.cc Calc/Adds":             "",
		"tests/calc_test.cc Calc/UsesWindowsPaths": "defined(_WIN32)",
		"tests/test_arrow.py test_table":           `pytest.importorskip("pyarrow")`,
	}
	got := map[string]string{}
	for test, err := range c.Tests(b.ctx, done.ID, testlens.ListTestsOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		got[test.Path+" "+strings.Join(append(test.SuitePath, test.Name), "/")] = test.Condition
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("conditions through /tests:\n got %q\nwant %q", got, want)
	}
	// A test under a condition is still counted.
	if done.Summary == nil || done.Summary.Tests != len(want) {
		t.Errorf("summary %+v, want %d tests", done.Summary, len(want))
	}

	inv, err := c.Inventory(b.ctx, done.ID)
	if err != nil {
		t.Fatal(err)
	}
	fromDocument := map[string]string{}
	for _, f := range inv.Files {
		for _, test := range f.Tests {
			fromDocument[f.Path+" "+strings.Join(append(test.SuitePath, test.Name), "/")] = test.Condition
		}
	}
	if !reflect.DeepEqual(fromDocument, want) {
		t.Errorf("conditions in the inventory document:\n got %q\nwant %q", fromDocument, want)
	}
}
