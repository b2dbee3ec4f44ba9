package main

import (
	"strings"
	"testing"
)

// TestGoRewriteMatchesTesting checks goRewrite and stripSubtestNumber
// against the names package testing itself gives subtests.
func TestGoRewriteMatchesTesting(t *testing.T) {
	names := []string{"plain", "with space", "tab\there", "nl\nx", "nul\x00", "é ü", "nbsp\u00a0x",
		"em\u2003space", "ls\u2028x", "zw\u200bj", "bidi\u202ex", "a/b", "pct%d", "hash#1", "hash#01"}
	for _, name := range names {
		var got string
		t.Run(name, func(t *testing.T) { got = t.Name() })
		if want := t.Name() + "/" + goRewrite(name); got != want {
			t.Errorf("t.Run(%q): testing names it %q, goRewrite gives %q", name, got, want)
		}
	}
	var again string
	t.Run("plain", func(t *testing.T) { again = t.Name() })
	if base := stripSubtestNumber(again); !strings.HasSuffix(again, "#01") || base != t.Name()+"/plain" {
		t.Errorf("a repeated name: %q, stripped %q", again, base)
	}
	var empty string
	t.Run("", func(t *testing.T) { empty = t.Name() })
	if empty != t.Name()+"/#00" {
		t.Errorf("an empty name: %q", empty)
	}
}

// TestParentOf checks that a "/" inside a name is not taken for a level.
func TestParentOf(t *testing.T) {
	p := &goRunPackage{tests: map[string]*goRunTest{"TestX": {}, "TestX/a/b": {}, "TestX/a/b/c": {}}}
	for name, want := range map[string]string{"TestX/a/b": "TestX", "TestX/a/b/c": "TestX/a/b", "TestX/q": "TestX"} {
		if got := parentOf(p, name); got != want {
			t.Errorf("parentOf(%q) = %q, want %q", name, got, want)
		}
	}
}
