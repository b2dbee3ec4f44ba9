package cpp

import (
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/contracts/inventory"
)

// A project's test helper header may define the macro its tests are
// written with (highway's `HWY_EXPORT_AND_TEST_P(Suite, TestX);`, a TEST_P
// in hwy/tests/hwy_gtest.h). When a file invokes, at its top level, a
// macro named …TEST… that it does not define, the headers it includes
// with quotes are read for generators, and theirs, through one summary per
// header: its function-like #defines whose replacement names something
// …TEST…, and its includes. An include is found as the compiler's -I of
// the project would find it: from the including file's folder, then from
// each folder above it.

// headerSummary is what a header gives: its candidate generators and what
// it includes.
type headerSummary struct {
	defines  map[string][]macroDef
	includes []string
}

const headerSummaryKey = "cpp-generators"

// maxHeaders bounds the headers read for one file.
const maxHeaders = 48

func summarizeHeader(content []byte) any {
	lx := lex(string(content))
	h := &headerSummary{includes: lx.includes}
	for name, defs := range lx.defines {
		for _, d := range defs {
			if d.params == nil || !strings.Contains(d.body, "TEST") {
				continue
			}
			if h.defines == nil {
				h.defines = map[string][]macroDef{}
			}
			// In force everywhere the header is included; its #if
			// branches are the header's, not the file's.
			d.at, d.until, d.cond = -1, -1, nil
			h.defines[name] = append(h.defines[name], d)
		}
	}
	return h
}

// gtestHelpers are GoogleTest's own macros named …TEST… that declare no
// test: no header defines them in the project.
var gtestHelpers = map[string]bool{
	"INSTANTIATE_TEST_SUITE_P": true, "INSTANTIATE_TEST_CASE_P": true, "TYPED_TEST_SUITE": true, "TYPED_TEST_CASE": true,
	"TYPED_TEST_SUITE_P": true, "TYPED_TEST_CASE_P": true, "REGISTER_TYPED_TEST_SUITE_P": true, "REGISTER_TYPED_TEST_CASE_P": true,
	"INSTANTIATE_TYPED_TEST_SUITE_P": true, "INSTANTIATE_TYPED_TEST_CASE_P": true, "FRIEND_TEST": true, "RUN_ALL_TESTS": true,
}

// usesForeignTestMacro reports whether the file invokes, outside function
// bodies (namespace and extern "C" braces do not count), a macro named
// …TEST… that is neither a known test macro nor defined in the file.
func usesForeignTestMacro(lx *lexed) bool {
	var open []bool // per open brace: whether it is a namespace's or extern's
	body := 0       // open braces that are not
	for i, t := range lx.toks {
		switch {
		case t.kind == tPunct && t.text == "{":
			ns := i > 0 && (lx.toks[i-1].text == "namespace" || lx.toks[i-1].kind == tString ||
				i > 1 && lx.toks[i-2].text == "namespace")
			open = append(open, ns)
			if !ns {
				body++
			}
		case t.kind == tPunct && t.text == "}":
			if n := len(open); n > 0 {
				if !open[n-1] {
					body--
				}
				open = open[:n-1]
			}
		case body == 0 && t.kind == tIdent && i+1 < len(lx.toks) && lx.toks[i+1].text == "(" && strings.Contains(t.text, "TEST"):
			if !testMacro(t.text) && !gtestHelpers[t.text] && len(lx.defines[t.text]) == 0 &&
				!strings.HasPrefix(t.text, "BOOST_") && !strings.HasPrefix(t.text, "GTEST_") {
				return true
			}
		}
	}
	return false
}

// headerGenerators returns the generators the headers relPath includes
// (and theirs) define, nil when none.
func headerGenerators(tr frontend.Tree, relPath string, includes []string) map[string][]macroDef {
	var out map[string][]macroDef
	walkHeaders(tr, relPath, includes, func(h *headerSummary) bool {
		for name, defs := range h.defines {
			if out == nil {
				out = map[string][]macroDef{}
			}
			out[name] = append(out[name], defs...)
		}
		return true
	})
	return out
}

// headerFramework returns the test framework whose header the project
// headers relPath includes (and theirs) include, "" when none: spdlog's
// tests include "includes.h", which includes <catch2/catch.hpp>.
func headerFramework(tr frontend.Tree, relPath string, includes []string) inventory.Framework {
	var found inventory.Framework
	walkHeaders(tr, relPath, includes, func(h *headerSummary) bool {
		for _, inc := range h.includes {
			if fw := includeFramework(inc); fw != "" {
				found = fw
				return false
			}
		}
		return true
	})
	return found
}

// walkHeaders calls visit with the summary of each header relPath
// includes, breadth first through their includes, at most maxHeaders, until
// visit returns false.
func walkHeaders(tr frontend.Tree, relPath string, includes []string, visit func(*headerSummary) bool) {
	type pending struct{ from, inc string }
	queue := make([]pending, 0, len(includes))
	for _, inc := range includes {
		queue = append(queue, pending{relPath, inc})
	}
	seen := map[string]bool{relPath: true}
	for read := 0; len(queue) > 0 && read < maxHeaders; {
		p := queue[0]
		queue = queue[1:]
		file, h := findHeader(tr, p.from, p.inc)
		if h == nil || seen[file] {
			continue
		}
		seen[file] = true
		read++
		if !visit(h) {
			return
		}
		for _, inc := range h.includes {
			queue = append(queue, pending{file, inc})
		}
	}
}

// findHeader finds the header inc from the file at from: in from's folder,
// then in each folder above it.
func findHeader(tr frontend.Tree, from, inc string) (string, *headerSummary) {
	if inc == "" || strings.HasPrefix(inc, "/") {
		return "", nil
	}
	var h *headerSummary
	p, _ := frontend.FindUpward(from, inc, func(p string) bool {
		if v, ok := tr.Summarize(p, headerSummaryKey, summarizeHeader); ok {
			h = v.(*headerSummary)
			return true
		}
		return false
	})
	return p, h
}
