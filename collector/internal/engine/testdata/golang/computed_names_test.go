package computed

import (
	"fmt"
	"strconv"
	"testing"
)

type kind int

func (k kind) String() string { return "kind" }

// TestComputed names subtests from its rows as Go computes them: Sprintf of
// the index and fields, + of fields and literals, strconv.Itoa, a local name
// bound to a Sprintf, a map's keys and values; a field of a named type (its
// String method formats it) is not read.
func TestComputed(t *testing.T) {
	tests := []struct {
		name, value string
		offset      int
		k           kind
	}{
		{name: "a", value: "x", offset: 0},
		{name: "b c", value: "y", offset: 12},
		{value: "z"},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprintf("%02d-%s", i, tt.name), func(t *testing.T) {})
		t.Run(tt.name+"_"+tt.value, func(t *testing.T) {})
		t.Run(strconv.Itoa(tt.offset), func(t *testing.T) {})
		title := fmt.Sprintf("command=%s-off=%d", tt.value, tt.offset)
		t.Run(title, func(t *testing.T) {})
		t.Run(fmt.Sprintf("%v", tt.k), func(t *testing.T) {}) // a named type: not read
	}
	for _, m := range []string{"JSONP", "JSONPBlob"} {
		t.Run(m+" call", func(t *testing.T) {})
	}
	for k, v := range map[string]int{"one": 1, "two": 2} {
		t.Run(fmt.Sprintf("%s=%d", k, v), func(t *testing.T) {})
	}
	t.Run("const "+"folded", func(t *testing.T) {})
}
