package table

import (
	"fmt"
	"testing"
)

type row struct {
	name string
	in   int
	want int
}

// TestInlineKeyed ranges over an inline slice of keyed rows.
func TestInlineKeyed(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   int
	}{
		{name: "zero", in: 0},
		{in: 1, name: "one"},
		{name: fmt.Sprint("computed"), in: 2},
		{in: 3},
	} {
		t.Run(tc.name, func(t *testing.T) {})
	}
}

// TestVariablePositional ranges over a local variable of positional rows
// of a named type declared at the top of the file.
func TestVariablePositional(t *testing.T) {
	tests := []row{
		{"first", 1, 1},
		{"second", 2, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Run("check", func(t *testing.T) {})
		})
	}
}

// TestVarDecl uses `var` and pointer rows, and the pre-Go 1.22 `tt := tt` copy.
func TestVarDecl(t *testing.T) {
	var cases = []*row{
		{name: "ptr a"},
		&row{name: "ptr b"},
	}
	for _, tt := range cases {
		tt := tt
		t.Run(tt.name, func(t *testing.T) {
			t.Skip("all skipped")
		})
	}
}

// TestLocalType uses positional rows of a type declared in the function.
func TestLocalType(t *testing.T) {
	type local struct {
		in, out int
		label   string
	}
	for _, c := range []local{{1, 2, "local one"}, {3, 4, "local two"}} {
		t.Run(c.label, func(t *testing.T) {})
	}
}

// TestMap expands the keys of a literal map.
func TestMap(t *testing.T) {
	for name, tc := range map[string]row{
		"map b": {in: 2},
		"map a": {in: 1},
	} {
		t.Run(name, func(t *testing.T) { _ = tc })
	}
	byValue := map[int]row{1: {name: "value one"}, 2: {name: "value two"}}
	for _, tc := range byValue {
		t.Run(tc.name, func(t *testing.T) {})
	}
}

// TestStrings ranges over literal strings.
func TestStrings(t *testing.T) {
	for _, s := range []string{"alpha", "beta"} {
		t.Run(s, func(t *testing.T) {})
	}
}

// TestAppended cannot be resolved: the table grows at run time.
func TestAppended(t *testing.T) {
	tests := []row{{name: "static"}}
	tests = append(tests, row{name: "dynamic"})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {})
	}
}

// TestFromFunction cannot be resolved: the table is built by a call.
func TestFromFunction(t *testing.T) {
	for _, tc := range makeRows() {
		t.Run(tc.name, func(t *testing.T) {})
	}
	for i, tc := range []row{{name: "by index"}} {
		t.Run(fmt.Sprint(i), func(t *testing.T) { _ = tc })
	}
}

// TestPackageTable ranges over a package-level table of this file, which no
// function of the file writes.
func TestPackageTable(t *testing.T) {
	for _, tc := range packageRows {
		t.Run(tc.name, func(t *testing.T) {})
	}
}

// TestShadowed: the name field is read from a variable that is not the loop's.
func TestShadowed(t *testing.T) {
	tests := []row{{name: "outer"}}
	for _, tc := range tests {
		_ = tc // the loop's tc, hidden below
		tc := makeRows()[0]
		t.Run(tc.name, func(t *testing.T) {})
	}
}

// TestNestedTables expands a table inside each case of another.
func TestNestedTables(t *testing.T) {
	for _, outer := range []string{"x", "y"} {
		t.Run(outer, func(t *testing.T) {
			for _, inner := range []string{"1", "2"} {
				t.Run(inner, func(t *testing.T) {})
			}
		})
	}
}

var packageRows = []row{{name: "pkg"}}

func makeRows() []row { return packageRows }

// TestClosureWrites: what a subtest's closure writes into its row's copy
// after t.Run read the name changes no name.
func TestClosureWrites(t *testing.T) {
	for _, s := range []string{"a"} {
		func() { s = s + "!" }() // another s: this loop's is declared below
		_ = s
	}
	for _, s := range []string{"first", "second"} {
		t.Run(s, func(t *testing.T) { s = "changed" })
	}
	for _, tt := range []row{{name: "kept"}} {
		t.Run(tt.name, func(t *testing.T) {
			tt.name = "ignored"
			_ = &tt.name
		})
	}
}

// TestWrittenBeforeRun: a name written before t.Run reads it is not trusted.
func TestWrittenBeforeRun(t *testing.T) {
	for _, tt := range []row{{name: "x"}} {
		tt.name += "-suffix"
		t.Run(tt.name, func(t *testing.T) {})
	}
	tests := []row{{name: "y"}}
	for i := range 2 {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {})
		}
		tests[0].name = fmt.Sprint(i) // a later iteration reads it
	}
}

// TestWrittenPackageTable: a package-level table a function of the file
// writes is not trusted.
func TestWrittenPackageTable(t *testing.T) {
	for _, tc := range grownRows {
		t.Run(tc.name, func(t *testing.T) {})
	}
}

var grownRows = []row{{name: "grown"}}

func init() { grownRows = append(grownRows, row{name: "later"}) }

// TestSameNameEachRow runs one name per row: the testing package numbers
// them (#00, #01 for ""; again, again#01 otherwise).
func TestSameNameEachRow(t *testing.T) {
	for _, tc := range []row{{in: 1}, {in: 2}} {
		t.Run("", func(t *testing.T) { _ = tc })
		t.Run("again", func(t *testing.T) {})
	}
}

// TestMixedRows: a row whose name is not a literal is left out; the others
// keep their own names (one literal row is not every row's name).
func TestMixedRows(t *testing.T) {
	for _, tc := range []row{{name: fmt.Sprint(1)}, {name: "literal"}} {
		t.Run(tc.name, func(t *testing.T) {})
	}
}
