package swift

import (
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
)

// TestGrammarHangIsBounded: tree-sitter's Swift grammar never finishes on
// this input (found by FuzzSwiftExtractor); the parse gives up at
// ts.ParseTimeout and the file is reported with why, instead of holding a
// collector worker forever.
func TestGrammarHangIsBounded(t *testing.T) {
	t.Parallel()
	src := []byte("import XCTest\n0@A(\"\"funcA(){0@Test funcA(){Atruct t{}")
	file, ok, err := Extractor{}.Extract(&frontend.Source{Path: "ATests.swift", Content: src, Project: project.New()})
	if err != nil || !ok {
		t.Fatalf("Extract: ok=%v err=%v", ok, err)
	}
	if !strings.Contains(file.SkipReason, "did not finish within 2s") || len(file.Tests) != 0 {
		t.Fatalf("skip reason %q, %d tests", file.SkipReason, len(file.Tests))
	}
}
