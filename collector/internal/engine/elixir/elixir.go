// Package elixir is the engine's Elixir front end: ExUnit test files
// (*_test.exs) with their modules, describe blocks and tests, and the
// statuses written in source (@tag :skip, @describetag, @moduletag, a test
// without a body).
//
// The rules read calls (defmodule, describe, test, property, doctest, use,
// if/unless, test macros) and the @tag/@describetag/@moduletag attributes;
// nesting comes from byte ranges, so no tree is walked from Go. The calls
// come from the statement scanner (scan.go) when every statement of the
// file is of a shape it knows, else from tree-sitter (engine/ts), with the
// bodies of tests and functions left out of the parse (bodies.go), read by
// one query; the tree is the reference of the differential tests. Beyond
// those:
//
//   - `doctest Mod` is a declared test, and each test ExUnit makes of Mod's
//     docs a case under it, when Mod's source is found (doctest.go);
//   - a test macro of the file (a defmacro whose body writes
//     `test unquote(name), …`) makes each call of it a test;
//   - a test written in a test's body (a module ExUnit's own suite compiles
//     and runs in-process) is not a test of the suite;
//   - tests under a module-level if/unless carry it as their condition.
package elixir

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/elixir"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

var grammar = ts.NewGrammar("elixir", elixir.GetLanguage())

// Pattern indexes of query, in order.
const (
	patDecl = iota // test/describe/property "name" ...
	patModule
	patAttr
	patUse     // use Alias, doctest Alias
	patQuoted  // test unquote(name) …: a test a macro writes
	patMacro   // defmacro name(…) do … end
	patIf      // if/unless cond do … else … end
	patDoctest // not a pattern: a doctest call found by patUse
	patOpaque  // not a pattern: a call whose body no rule reads (testBodies)
)

// query finds every call to a name and every attribute; matches sorts the
// calls into the patterns above in Go. One pattern per kind of call cost
// three times as much: a query's time grows with its patterns, and after the
// bodies are left out most of what is left is test heads, which several
// patterns matched.
var query = grammar.LazyQuery(`
(call target: (identifier) @fn) @call
(unary_operator operand: (call target: (identifier) @fn (arguments) @args)) @call
`)

// rawCall is a call the rules read, found in the tree (callsOf) or by the
// statement scanner (scanCalls).
type rawCall struct {
	pattern    int
	fn         string
	start, end uint32
	line       int
	name       string // patDecl: the string literal; patModule, patUse: the alias; patQuoted: the first argument's call; patMacro: the macro
	hasDo      bool
	args       string  // patAttr: the attribute's arguments
	cond       ifBlock // patIf
	src        []byte
}

// text is the call's source.
func (c rawCall) text() string { return string(c.src[c.start:c.end]) }

// callsOf reads the calls of a parsed file.
func callsOf(root *sitter.Node, src []byte) []rawCall {
	var out []rawCall
	for _, m := range matches(root, src) {
		fnNode, call := m.Captures["fn"], m.Captures["call"]
		if fnNode == nil || call == nil {
			continue
		}
		c := rawCall{pattern: m.Pattern, fn: ts.Text(fnNode, src), start: call.StartByte(), end: call.EndByte(), line: ts.Line(call), src: src, hasDo: m.Captures["do"] != nil}
		switch m.Pattern {
		case patAttr:
			c.args = ts.Text(m.Captures["args"], src)
		case patIf:
			c.cond = conditional(c.fn, m.Captures["cond"], m.Captures["do"], src)
		default:
			c.name = ts.Text(m.Captures["name"], src)
		}
		out = append(out, c)
	}
	return out
}

// matches runs query over root and gives each match the pattern (and
// captures) its call is read by.
func matches(root *sitter.Node, src []byte) []ts.Match {
	all := query().Matches(root, src)
	out := all[:0]
	for _, m := range all {
		if m.Pattern == 1 {
			m.Pattern = patAttr
			out = append(out, m)
			continue
		}
		call := m.Captures["call"]
		var args, do *sitter.Node
		for i := 0; i < int(call.NamedChildCount()); i++ {
			switch c := call.NamedChild(i); c.Type() {
			case "arguments":
				args = c
			case "do_block":
				do = c
			}
		}
		fn := ts.Text(m.Captures["fn"], src)
		if args == nil || args.NamedChildCount() == 0 {
			if testBodies[fn] && do != nil {
				m.Pattern, m.Captures["do"] = patOpaque, do
				out = append(out, m)
			}
			continue
		}
		first := args.NamedChild(0)
		switch {
		case first.Type() == "string":
			m.Pattern, m.Captures["name"] = patDecl, first
		case first.Type() == "alias" && fn == "defmodule" && do != nil:
			m.Pattern, m.Captures["name"] = patModule, first
		case first.Type() == "alias" && (fn == "use" || fn == "doctest"):
			m.Pattern, m.Captures["name"] = patUse, first
		case fn == "test" && first.Type() == "call" && callName(first, src) != "":
			m.Pattern, m.Captures["name"] = patQuoted, first.ChildByFieldName("target")
		case (fn == "defmacro" || fn == "defmacrop") && do != nil && (first.Type() == "identifier" || first.Type() == "call" && callName(first, src) != ""):
			name := first
			if first.Type() == "call" {
				name = first.ChildByFieldName("target")
			}
			m.Pattern, m.Captures["name"] = patMacro, name
		case (fn == "if" || fn == "unless") && do != nil && args.NamedChildCount() == 1:
			m.Pattern, m.Captures["cond"] = patIf, first
		default:
			m.Pattern = patOpaque
		}
		if do != nil {
			m.Captures["do"] = do
		}
		if m.Pattern == patOpaque || m.Pattern == patDecl && (fn == "test" || fn == "property") && ts.Text(first, src) == `""` {
			// What its body holds is no test of the suite, whatever its
			// arguments: the rule gapsOf relies on.
			if !testBodies[fn] || do == nil {
				continue
			}
			m.Pattern = patOpaque
		}
		out = append(out, m)
		if do != nil && testBodies[fn] && (m.Pattern == patQuoted || m.Pattern == patDecl && fn != "test" && fn != "property") {
			// test unquote(name) do … end, def "x" do … end: their bodies
			// are left out too.
			out = append(out, ts.Match{Pattern: patOpaque, Captures: m.Captures})
		}
	}
	return out
}

// MaxNames bounds what one file may expand to, counted in names.
const MaxNames = 1_000_000

// maxNameLen bounds a name taken from source.
const maxNameLen = 500

// Extractor is the Elixir front end. Its zero value is ready and safe for
// concurrent use.
type Extractor struct{}

// Language returns inventory.LanguageElixir.
func (Extractor) Language() inventory.Language { return inventory.LanguageElixir }

// Framework returns inventory.FrameworkExUnit.
func (Extractor) Framework() inventory.Framework { return inventory.FrameworkExUnit }

// Candidate accepts *_test.exs files (mix test's default test_pattern)
// outside the deps/ and _build/ folders of a mix project.
func (Extractor) Candidate(relPath string) bool {
	if !strings.HasSuffix(relPath, "_test.exs") {
		return false
	}
	return !frontend.AnyDir(relPath, func(elem string) bool { return elem == "deps" || elem == "_build" })
}

// event is one thing found in the file, in source order.
type event struct {
	kind       int // patDecl, patModule, patAttr
	fn         string
	name       string
	start, end uint32
	line       int
	hasBody    bool
	skip       bool     // for an attribute: it skips
	cases      []string // for a doctest: the tests it makes, when its module's docs are found
	condition  string   // the if/unless conditions the call is written under
}

// ifBlock is an if or unless written around tests: `if cond do` tests that
// exist only where cond holds `else` the others `end`, which ExUnit
// registers as the module compiles.
type ifBlock struct {
	start, elseAt, end uint32 // elseAt: where the else branch starts (end without one)
	cond               string // as it holds in the do branch: "(c)", or "!(c)" for unless
	negated            string // as it holds in the else branch
}

// conditional is the if block of a tree's if/unless call.
func conditional(fn string, cond, do *sitter.Node, src []byte) ifBlock {
	elseAt := do.EndByte()
	for i := 0; i < int(do.NamedChildCount()); i++ {
		if e := do.NamedChild(i); e.Type() == "else_block" {
			elseAt = e.StartByte()
			break
		}
	}
	return newIfBlock(fn, ts.Text(cond, src), do.StartByte(), elseAt, do.EndByte())
}

// newIfBlock is the if block of `fn cond do` (fn: if or unless) from its do
// to after its end, whose else starts at elseAt (end without one).
func newIfBlock(fn, cond string, start, elseAt, end uint32) ifBlock {
	c := strings.Join(strings.Fields(cond), " ")
	b := ifBlock{start: start, elseAt: elseAt, end: end, cond: "(" + c + ")", negated: "!(" + c + ")"}
	if fn == "unless" {
		b.cond, b.negated = b.negated, b.cond
	}
	return b
}

// conditionAt joins the conditions of the if blocks around at, outermost
// first, as the Ruby front end writes them: "(a) && !(b)".
func conditionAt(conds []ifBlock, at uint32) string {
	var parts []string
	for _, b := range conds {
		if b.start > at {
			break
		}
		switch {
		case at >= b.end:
		case at < b.elseAt:
			parts = append(parts, b.cond)
		default:
			parts = append(parts, b.negated)
		}
	}
	return strings.Join(parts, " && ")
}

// Extract parses one candidate. A file without tests is not reported.
func (Extractor) Extract(src *frontend.Source) (inventory.File, bool, error) {
	f, ok, _ := extract(src, true)
	return f, ok, nil
}

// extract is Extract with the bodies of tests and functions left out of the
// parse (fast, see bodies.go) or not; gapped says whether they were.
func extract(src *frontend.Source, fast bool) (inventory.File, bool, bool) {
	content := src.Content
	f := inventory.File{Path: src.Path, Framework: inventory.FrameworkExUnit, Language: inventory.LanguageElixir, Tests: []inventory.Test{}}
	if !bytes.Contains(content, []byte("test")) && !bytes.Contains(content, []byte("property")) {
		return inventory.File{}, false, false
	}
	var raw []rawCall
	var broken, gapped bool
	if fast {
		l, ok := lexBlocks(content)
		if ok {
			raw, gapped = scanCalls(content, l)
		}
		if !gapped {
			gaps, blocks := gapsOf(l, content, testBodies, false)
			tree, took, err := grammar.ParseGapped(content, gaps, confirmBodies(content, blocks))
			if err != nil {
				return frontend.Unparsed(src.Path, inventory.LanguageElixir, err), true, false
			}
			defer tree.Close()
			raw, broken, gapped = callsOf(tree.RootNode(), content), tree.RootNode().HasError(), took
		}
	} else {
		tree, err := grammar.Parse(content)
		if err != nil {
			return frontend.Unparsed(src.Path, inventory.LanguageElixir, err), true, false
		}
		defer tree.Close()
		// In a file with syntax errors, a body lost to error recovery must
		// not turn a test into a todo.
		raw, broken = callsOf(tree.RootNode(), content), tree.RootNode().HasError()
	}
	scores := map[inventory.Framework]int{inventory.FrameworkExUnit: project.NameWeight}
	var events, calls, macros []event
	var quoted []uint32 // where a macro writes a test
	var conds []ifBlock
	var opaque []event // calls whose bodies hold no test of the suite
	var own docSummary // the file's own modules' docs, read at the first doctest
	for _, c := range raw {
		ev := event{kind: c.pattern, fn: c.fn, start: c.start, end: c.end, line: c.line}
		switch c.pattern {
		case patOpaque:
			opaque = append(opaque, ev)
			continue
		case patDecl:
			ev.name = stringName(c.name)
			if ev.name == "" {
				continue
			}
			ev.hasBody = broken || c.hasDo || hasDoKeyword(c.text())
			if c.fn != "test" && c.fn != "describe" && c.fn != "property" {
				// Perhaps a call of a test macro this file defines.
				calls = append(calls, ev)
				continue
			}
		case patModule:
			if c.fn != "defmodule" {
				continue
			}
			ev.name = c.name
		case patAttr:
			if c.fn != "tag" && c.fn != "describetag" && c.fn != "moduletag" || !bytes.HasPrefix(content[ev.start:], []byte("@")) {
				continue
			}
			ev.skip = skips(c.args)
		case patUse:
			if c.fn == "doctest" {
				ev.kind = patDoctest
				ev.name = c.name
				callText := c.text()
				ev.cases = doctestCases(src, &own, ev.name, callText)
				ev.skip = doctestSkips(callText)
				break
			}
			if c.fn != "use" {
				continue
			}
			switch mod := c.name; {
			case mod == "ExUnit.Case":
				scores[inventory.FrameworkExUnit] += project.ImportWeight
			case strings.HasSuffix(mod, "Case"):
				// A case template (MyAppWeb.ConnCase, DataCase) uses
				// ExUnit.Case itself.
				scores[inventory.FrameworkExUnit] += project.NameWeight
			}
			continue
		case patQuoted:
			if c.fn == "test" && c.name == "unquote" {
				quoted = append(quoted, ev.start)
			}
			continue
		case patMacro:
			if c.fn == "defmacro" || c.fn == "defmacrop" {
				ev.name = c.name
				macros = append(macros, ev)
			}
			continue
		case patIf:
			if c.fn == "if" || c.fn == "unless" {
				conds = append(conds, c.cond)
			}
			continue
		}
		events = append(events, ev)
	}
	events = append(events, wrapperCalls(calls, macros, quoted)...)
	sort.SliceStable(events, func(i, j int) bool { return events[i].start < events[j].start })
	if len(opaque) > 0 && !broken {
		events = dropInside(events, opaque)
	}
	if len(conds) > 0 {
		sort.SliceStable(conds, func(i, j int) bool { return conds[i].start < conds[j].start })
		for i := range events {
			events[i].condition = conditionAt(conds, events[i].start)
		}
	}

	b := builder{budget: MaxNames, broken: broken}
	b.build(events)
	if b.budget < 0 {
		f.SkipReason = fmt.Sprintf("too many tests: they expand to more than %d names", MaxNames)
		return f, true, gapped
	}
	if len(b.tests) == 0 {
		return inventory.File{}, false, gapped
	}
	sort.SliceStable(b.tests, func(i, j int) bool { return b.tests[i].Line < b.tests[j].Line })
	sort.SliceStable(b.suites, func(i, j int) bool { return b.suites[i].Line < b.suites[j].Line })
	f.Tests, f.Suites = b.tests, b.suites
	d := src.Project.Decide(src.Path, []inventory.Framework{inventory.FrameworkExUnit}, scores)
	f.Framework = d.Framework
	if d.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = d.Reason
	}
	return f, true, gapped
}

// scope is an open module or describe block.
type scope struct {
	path    []string
	end     uint32
	skipped bool // by @moduletag or @describetag :skip
	module  bool
}

type builder struct {
	broken bool // the file has syntax errors
	tests  []inventory.Test
	suites []inventory.Suite
	budget int
}

// build turns the events, in source order, into suites and tests. An @tag
// applies to the next test of its block; @describetag to the rest of its
// describe block; @moduletag to the rest of its module.
func (b *builder) build(events []event) {
	stack := []scope{{path: []string{}, end: ^uint32(0)}}
	pendingSkip := false
	var testEnd uint32 // the end of the last test: what is inside runs when it runs
	for _, ev := range events {
		if b.budget < 0 {
			return
		}
		if ev.start < testEnd {
			// A module a test defines in its body (ExUnit's own suite
			// does, to run it in-process) is no test of this suite.
			continue
		}
		for len(stack) > 1 && ev.start >= stack[len(stack)-1].end {
			stack = stack[:len(stack)-1]
			pendingSkip = false
		}
		top := &stack[len(stack)-1]
		switch {
		case ev.kind == patModule || ev.kind == patDecl && ev.fn == "describe":
			p := make([]string, len(top.path)+1)
			copy(p, top.path)
			p[len(top.path)] = ev.name
			b.budget -= len(p)
			if b.budget >= 0 {
				b.suites = append(b.suites, inventory.Suite{Path: p, Line: ev.line})
			}
			stack = append(stack, scope{path: p, end: ev.end, skipped: top.skipped, module: ev.kind == patModule})
			pendingSkip = false
		case ev.kind == patAttr:
			switch ev.fn {
			case "tag":
				pendingSkip = pendingSkip || ev.skip
			case "describetag":
				if !top.module {
					top.skipped = top.skipped || ev.skip
				}
			case "moduletag":
				// Applies to the tests of the enclosing module, wherever
				// in it the attribute is written.
				for i := len(stack) - 1; i > 0; i-- {
					if stack[i].module {
						for j := i; j < len(stack); j++ {
							stack[j].skipped = stack[j].skipped || ev.skip
						}
						break
					}
				}
			}
		case ev.kind == patDoctest:
			// Its tags: option tags every test it makes; an @tag before it
			// is taken by the first test only, as ExUnit registers them.
			st, first := inventory.TestActive, inventory.TestActive
			switch {
			case top.skipped || ev.skip:
				st, first = inventory.TestSkipped, inventory.TestSkipped
			case pendingSkip:
				first = inventory.TestSkipped
				if len(ev.cases) <= 1 {
					st = inventory.TestSkipped
				}
			}
			pendingSkip = false
			if ev.cases != nil && len(ev.cases) == 0 {
				continue // the module's docs have no example: ExUnit makes no test
			}
			// ExUnit names a test in a describe block "<type> <describe> <name>".
			prefix := "doctest "
			if !top.module && len(top.path) > 0 {
				prefix += top.path[len(top.path)-1] + " "
			}
			name := prefix + ev.name
			b.budget -= (1 + len(top.path)) * (1 + len(ev.cases))
			if b.budget < 0 {
				return
			}
			b.tests = append(b.tests, inventory.Test{SuitePath: top.path, Name: name, Line: ev.line, Status: st, Kind: inventory.KindTest, Condition: ev.condition})
			casePath := append(slices.Clip(top.path), name)
			for i, c := range ev.cases {
				cs := st
				if i == 0 {
					cs = first
				}
				b.tests = append(b.tests, inventory.Test{SuitePath: casePath, Name: prefix + c, Line: ev.line, Status: cs, Kind: inventory.KindCase, Condition: ev.condition})
			}
		default: // test, property, a call of a test macro
			st := inventory.TestActive
			switch {
			case top.skipped || pendingSkip:
				st = inventory.TestSkipped
			case !ev.hasBody:
				st = inventory.TestTodo
			}
			pendingSkip = false
			if !b.broken {
				// Error recovery can stretch a test over the next ones.
				testEnd = ev.end
			}
			b.budget -= 1 + len(top.path)
			if b.budget >= 0 {
				b.tests = append(b.tests, inventory.Test{SuitePath: top.path, Name: ev.name, Line: ev.line, Status: st, Kind: inventory.KindTest, Condition: ev.condition})
			}
		}
	}
}

// dropInside removes the events inside the bodies of the opaque calls
// (both in source order): a test in a test's or a function's body.
func dropInside(events, opaque []event) []event {
	sort.SliceStable(opaque, func(i, j int) bool { return opaque[i].start < opaque[j].start })
	out := events[:0]
	k := 0
	var end uint32
	for _, ev := range events {
		for k < len(opaque) && opaque[k].start < ev.start {
			end = max(end, opaque[k].end)
			k++
		}
		if ev.start < end {
			continue
		}
		out = append(out, ev)
	}
	return out
}

// wrapperCalls are the calls of test macros the file defines: a defmacro
// whose body writes a test (`test unquote(name), …`) makes a call of it with
// a name (`stderr_test "x" do … end`) one test. Such a macro with two tests
// in two branches still makes one per call, so one is counted.
func wrapperCalls(calls, macros []event, quoted []uint32) []event {
	wrappers := map[string]bool{}
	for _, m := range macros {
		for _, at := range quoted {
			if m.start < at && at < m.end {
				wrappers[m.name] = true
				break
			}
		}
	}
	var out []event
	for _, c := range calls {
		if wrappers[c.fn] {
			c.kind = patDecl
			out = append(out, c)
		}
	}
	return out
}

// skips reports whether the arguments of a tag attribute skip the test:
// :skip, skip: "reason" or skip: true, and likewise :pending (a common
// convention, excluded by `ExUnit.configure(exclude: :pending)`).
func skips(args string) bool {
	a := strings.TrimSpace(args)
	a = strings.TrimPrefix(a, "(")
	a = strings.TrimSpace(strings.TrimPrefix(a, "["))
	for _, key := range []string{"skip", "pending"} {
		if a == ":"+key || strings.HasPrefix(a, ":"+key+",") || strings.HasPrefix(a, ":"+key+")") || strings.HasPrefix(a, ":"+key+"]") {
			return true
		}
		if rest, ok := strings.CutPrefix(a, key+":"); ok {
			rest = strings.TrimSpace(rest)
			return !strings.HasPrefix(rest, "false") && !strings.HasPrefix(rest, "nil")
		}
	}
	return false
}

// hasDoKeyword reports whether a call without a do block has a `do:`
// keyword argument (test "x", do: ...).
func hasDoKeyword(call string) bool {
	return strings.Contains(call, "do:")
}

// stringName returns the name given by a string literal: its content with
// simple escapes decoded, or as written when it interpolates.
func stringName(lit string) string {
	var body string
	switch {
	case len(lit) >= 6 && strings.HasPrefix(lit, `"""`) && strings.HasSuffix(lit, `"""`):
		body = strings.TrimSpace(lit[3 : len(lit)-3])
	case len(lit) >= 2 && lit[0] == '"' && lit[len(lit)-1] == '"':
		body = lit[1 : len(lit)-1]
	default:
		return ""
	}
	if len(body) > maxNameLen {
		body = body[:maxNameLen]
	}
	if strings.Contains(body, "#{") {
		return body
	}
	return ts.Unescape(body, &elixirEscapes)
}

// elixirEscapes are the escapes of an Elixir string that a name or a doc
// can hold; a backslash before a line break continues the line.
var elixirEscapes = ts.CEscapes.With(map[byte]string{'\n': ""})
