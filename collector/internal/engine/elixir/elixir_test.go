package elixir

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

func TestCandidate(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]bool{
		"test/a_test.exs":              true,
		"apps/web/test/page_test.exs":  true,
		"a_test.exs":                   true,
		"lib/a.ex":                     false,
		"test/test_helper.exs":         false,
		"test/a_test.ex":               false,
		"deps/plug/test/conn_test.exs": false,
		"_build/test/lib/x/a_test.exs": false,
		"test/a_test.exs.orig":         false,
	} {
		if got := (Extractor{}).Candidate(path); got != want {
			t.Errorf("Candidate(%q) = %v, want %v", path, got, want)
		}
	}
}

// TestFrameworkFromProject checks that a mix project confirms ExUnit for a
// file whose module uses a case template.
func TestFrameworkFromProject(t *testing.T) {
	t.Parallel()
	p := project.New()
	p.Add("mix.exs", []byte("defmodule App.MixProject do\nend\n"))
	src := []byte("defmodule ATest do\n  use App.DataCase\n  test \"x\" do\n  end\nend\n")
	f, ok, err := Extractor{}.Extract(&frontend.Source{Path: "test/a_test.exs", Content: src, Project: p})
	if err != nil || !ok || f.Framework != inventory.FrameworkExUnit || f.FrameworkReason != "" {
		t.Fatalf("got %+v ok=%v err=%v", f, ok, err)
	}
}

// TestHostile: deep nesting and long inputs stay bounded.
func TestHostile(t *testing.T) {
	t.Parallel()
	for name, src := range map[string][]byte{
		"deep describes": bytes.Repeat([]byte("describe \"d\" do\n test \"t\" do\n end\n"), 5_000),
		"many tests":     bytes.Repeat([]byte("@tag :skip\ntest \"t\"\n"), 20_000),
		"open brackets":  bytes.Repeat([]byte("test \"x\", ["), 20_000),
	} {
		start := time.Now()
		f, _, err := Extractor{}.Extract(&frontend.Source{Path: "h_test.exs", Content: src, Project: project.New()})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: took %v", name, d)
		}
		t.Logf("%s: %d tests, %d suites, skip reason %q", name, len(f.Tests), len(f.Suites), f.SkipReason)
	}
}

// FuzzElixirExtractor: no panic, no hang, sane output, on any input.
func FuzzElixirExtractor(f *testing.F) {
	f.Add("fuzz_test.exs", []byte("test \"#{\"#{\"x\"}\"}\" do\nend"))
	f.Add("fuzz_test.exs", []byte("describe \"a\" do\n@describetag :skip\ntest \"b\"\nend"))
	f.Add("fuzz_test.exs", []byte("defmodule M do\n  @moduledoc \"\"\"\n      iex> 1\n      1\n  \"\"\"\n  @doc \"    iex(1)> 2\\n    2\"\n  def a..b//c, do: 1\nend\ndefmodule T do\n  doctest M, except: [:moduledoc]\nend\n"))
	frontendtest.Fuzz(f, Extractor{}, "elixir", "fuzz_test.exs",
		frontendtest.Frameworks(inventory.FrameworkExUnit, inventory.FrameworkUnknown), casesOfDoctests)
}

// casesOfDoctests: the only cases are a doctest's, right after it, at its
// line, under it.
func casesOfDoctests(tb testing.TB, f *inventory.File) {
	tb.Helper()
	var doctest *inventory.Test
	for i, tc := range f.Tests {
		if tc.Kind == inventory.KindTest {
			doctest = nil
			if strings.HasPrefix(tc.Name, "doctest ") {
				doctest = &f.Tests[i]
			}
			continue
		}
		if doctest == nil || tc.Line != doctest.Line || len(tc.SuitePath) != len(doctest.SuitePath)+1 ||
			tc.SuitePath[len(tc.SuitePath)-1] != doctest.Name || !strings.HasPrefix(tc.Name, doctest.Name[:len("doctest ")]) {
			tb.Fatalf("a case not under a doctest: %+v", tc)
		}
	}
}

func BenchmarkElixirExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "elixir") }
