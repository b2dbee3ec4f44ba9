// Package rust is the engine's Rust front end: it finds the tests of the
// built-in test harness (cargo test) in every .rs file, inline `mod tests`
// included.
//
// What counts as a test, read from one file's syntax tree:
//   - a function at file level or in an inline module (never inside a function
//     body, an impl or a trait: rustc does not collect those) carrying #[test],
//     any #[<path>::test] (tokio, async_std, test_log, sqlx, …), #[rstest],
//     #[test_case(…)], #[quickcheck] or #[wasm_bindgen_test];
//   - a function carrying #[test] inside a proptest! { … } block, every
//     function of a quickcheck! { … } block, and a function with a test
//     attribute written directly in another item macro's braces;
//   - the test functions a macro_rules! test macro declares at an
//     item-level invocation (macros.go).
//
// Status: #[ignore] and #[ignore = "reason"] are skipped; #[should_panic] is
// an active test (the contract: it is not xfail). #[cfg_attr(…, ignore)] is
// conditional and stays active.
//
// Suites are the inline modules around a test, by name, outermost first. The
// module path of the file itself (src/foo/bar.rs is foo::bar for cargo) is
// not known from one file and is left out, so a test the runner lists as
// foo::bar::tests::it_works is reported as suite ["tests"], name "it_works".
//
// Parametrisation: #[rstest] with #[case(…)] rows expands to the cases
// rstest generates (case_1, case_2_name for #[case::name(…)], numbers padded
// to the width of the count, as rstest names them); #[test_case(…)] rows
// expand to the names test_case gives them (see testCaseName). #[values]
// matrices are not expanded, nor are tests of macros whose definition is
// not read (see macros.go) or that build names (paste!).
//
// #[cfg(…)] is not evaluated: a test behind a feature is reported, with the
// predicates around it as its Condition (cfg.go). A file with a syntax
// error is still read: tree-sitter recovers, and the tests in the parts it
// could parse are reported (no SkipReason).
//
// tree-sitter reads the file without its function bodies, macro token trees
// and comments, which the front end never reads from the tree (bodies.go);
// the tree confirms each part left out, or the file is parsed whole.
package rust

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"
	"unicode"

	sitter "github.com/smacker/go-tree-sitter"
	tsrust "github.com/smacker/go-tree-sitter/rust"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxNames bounds what one file may expand to, counted in names: each test
// or case costs its own name plus the names of its suite path. A file over
// it (generated or hostile) is reported with a SkipReason.
const MaxNames = 1_000_000

// maxCondBytes bounds the bytes of the combined conditions (all(A, B)) one
// file builds; a file over it is reported with a SkipReason.
const maxCondBytes = 16 << 20

var (
	grammar = ts.NewGrammar("rust", tsrust.GetLanguage())

	// itemsQuery finds, at file level and in inline module bodies only, the
	// functions, their outer attributes, the inner attributes of the file
	// and of modules (#![cfg(…)]), the modules and the macro invocations
	// (proptest! blocks, test macros).
	itemsQuery = grammar.LazyQuery(`
(source_file (function_item name: (identifier) @name) @fn)
(mod_item body: (declaration_list (function_item name: (identifier) @name) @fn))
(source_file (attribute_item) @attr)
(mod_item body: (declaration_list (attribute_item) @attr))
(source_file (inner_attribute_item) @inner)
(mod_item body: (declaration_list (inner_attribute_item) @inner)) @imod
(mod_item name: (identifier) @name body: (declaration_list)) @mod
(source_file (macro_invocation macro: [(identifier) (scoped_identifier)] @macro (token_tree) @tokens) @inv)
(source_file (expression_statement (macro_invocation macro: [(identifier) (scoped_identifier)] @macro (token_tree) @tokens) @inv))
(mod_item body: (declaration_list (macro_invocation macro: [(identifier) (scoped_identifier)] @macro (token_tree) @tokens) @inv))
`)
)

// Extractor is the Rust front end. Its zero value is ready and safe for
// concurrent use.
type Extractor struct{}

// Language returns inventory.LanguageRust.
func (Extractor) Language() inventory.Language { return inventory.LanguageRust }

// Framework returns inventory.FrameworkCargoTest: every Rust test runs under
// the built-in harness.
func (Extractor) Framework() inventory.Framework { return inventory.FrameworkCargoTest }

// Candidate accepts every .rs file outside a target/ folder: unit tests live
// in inline modules of ordinary source files. Extract drops files without
// tests, most of them before parsing.
func (Extractor) Candidate(relPath string) bool {
	if !strings.HasSuffix(relPath, ".rs") {
		return false
	}
	return !strings.HasPrefix(relPath, "target/") && !strings.Contains(relPath, "/target/")
}

// remoteMacros returns the test macros of the macros.rs files a file may
// use (see macroFiles), summarized once per scan.
func remoteMacros(source *frontend.Source) []map[string]*testMacro {
	if source.Tree == nil {
		return nil
	}
	var out []map[string]*testMacro
	files := macroFiles(source.Path)
	// Shared macro files beside the file (regex's tests/macros_str.rs and
	// macros_bytes.rs, which each test crate's root includes).
	dir, base := path.Split(source.Path)
	dir = path.Clean(dir)
	if names, ok := source.Tree.Files(dir); ok {
		rs := 0
		for _, n := range names {
			if strings.HasPrefix(n, "macros_") && strings.HasSuffix(n, ".rs") {
				files = append(files, path.Join(dir, n))
			}
			if strings.HasSuffix(n, ".rs") {
				rs++
			}
		}
		// The files beside it that include it (include!("x.rs"), or mod x;
		// in a test crate's root), whose macros are in scope where it is
		// included: regex's tests/test_crates_regex.rs defines consistent!
		// right before include!("crates_regex.rs"). Read only in folders of
		// a test suite's size, as each file of the folder is summarized.
		if rs <= maxIncluderScan {
			for _, n := range names {
				if n == base || !strings.HasSuffix(n, ".rs") {
					continue
				}
				p := path.Join(dir, n)
				v, _ := source.Tree.Summarize(p, includesKey, func(c []byte) any { return includedFiles(c) })
				if inc, _ := v.(map[string]bool); inc[base] {
					files = append(files, p)
				}
			}
		}
	}
	for _, p := range files {
		v, ok := source.Tree.Summarize(p, macroFilesKey, func(c []byte) any { return macroDefs(c) })
		if m, _ := v.(map[string]*testMacro); ok && len(m) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// includesKey names the summaries of the files a .rs file includes.
const includesKey = "rust.includes"

// maxIncluderScan bounds the .rs files of a folder that are searched for
// includers of a file.
const maxIncluderScan = 200

// includedFiles returns the names of the files src includes beside it:
// include!("x.rs") gives x.rs, mod x; gives x.rs.
func includedFiles(src []byte) map[string]bool {
	out := map[string]bool{}
	for rest := src; ; {
		k := bytes.Index(rest, []byte("include!"))
		if k < 0 {
			break
		}
		rest = rest[k+len("include!"):]
		arg := bytes.TrimLeft(rest, " \t")
		if len(arg) > 0 && (arg[0] == '(' || arg[0] == '{' || arg[0] == '[') {
			arg = bytes.TrimLeft(arg[1:], " \t\r\n")
			if len(arg) > 0 && arg[0] == '"' {
				if end := bytes.IndexByte(arg[1:], '"'); end > 0 && !bytes.ContainsAny(arg[1:1+end], "/\\") {
					out[string(arg[1:1+end])] = true
				}
			}
		}
	}
	for rest := src; ; {
		k := bytes.Index(rest, []byte("mod "))
		if k < 0 {
			break
		}
		if k > 0 && isIdentByte(rest[k-1]) {
			rest = rest[k+4:]
			continue
		}
		rest = rest[k+4:]
		name := bytes.TrimLeft(rest, " \t")
		n := 0
		for n < len(name) && isIdentByte(name[n]) {
			n++
		}
		if n > 0 && bytes.HasPrefix(bytes.TrimLeft(name[n:], " \t"), []byte(";")) {
			out[string(name[:n])+".rs"] = true
		}
	}
	return out
}

// span is a node's byte range and what the extractor needs of it.
type span struct {
	start, end uint32
	line       int
	text       string
}

// Extract reports the tests of one .rs file, or ok=false when it has none.
// err is always nil.
func (Extractor) Extract(source *frontend.Source) (inventory.File, bool, error) {
	f, ok, _ := extract(source, true)
	return f, ok, nil
}

// extract is Extract, with the function bodies left out of the parse when
// skipBodies is set and the tree confirms them (gapped): the pre-filter
// (prefilter.go), then extractParsed.
func extract(source *frontend.Source, skipBodies bool) (f inventory.File, ok, gapped bool) {
	src := source.Content
	if mayHoldTests(src) {
		return extractWith(source, skipBodies, nil, false)
	}
	// The file declares no test by itself; it may still invoke a test
	// macro of another file.
	remote := remoteMacros(source)
	if !usesRemoteMacro(src, remote) {
		return inventory.File{}, false, false
	}
	return extractWith(source, skipBodies, remote, true)
}

// extractParsed is extract without the pre-filter: the file is always
// parsed (the differential test and the fuzz target of the pre-filter
// compare the two).
func extractParsed(source *frontend.Source, skipBodies bool) (f inventory.File, ok, gapped bool) {
	return extractWith(source, skipBodies, nil, false)
}

// extractWith parses and reads the file; remote are the test macros of
// other files when remoteRead, else they are read when an invocation needs
// them.
func extractWith(source *frontend.Source, skipBodies bool, remote []map[string]*testMacro, remoteRead bool) (f inventory.File, ok, gapped bool) {
	src := source.Content
	var tree *sitter.Tree
	var err error
	if skipBodies {
		tree, gapped, err = parseWithoutBodies(src)
	} else {
		tree, err = grammar.Parse(src)
	}
	if err != nil {
		return frontend.Unparsed(source.Path, inventory.LanguageRust, err), true, false
	}
	defer tree.Close()

	var fns []fnItem
	var attrs []span
	var mods []modItem
	var invs []invocation
	// fileConds are the file's #![cfg(…)]; modConds the inner ones of
	// modules, by the module's start.
	var fileConds []string
	var modConds map[uint32][]string
	for _, m := range itemsQuery().Matches(tree.RootNode(), src) {
		switch {
		case m.Captures["fn"] != nil:
			fn := m.Captures["fn"]
			// The harness names a raw identifier (r#match) without its prefix.
			name := strings.TrimPrefix(ts.Text(m.Captures["name"], src), "r#")
			fns = append(fns, fnItem{span: spanOf(fn, nil), name: name})
		case m.Captures["attr"] != nil:
			attrs = append(attrs, spanOf(m.Captures["attr"], src))
		case m.Captures["inner"] != nil:
			c := cfgPredicate(ts.Text(m.Captures["inner"], src))
			switch mod := m.Captures["imod"]; {
			case c == "":
			case mod == nil:
				fileConds = append(fileConds, c)
			default:
				if modConds == nil {
					modConds = map[uint32][]string{}
				}
				modConds[mod.StartByte()] = append(modConds[mod.StartByte()], c)
			}
		case m.Captures["mod"] != nil:
			s := spanOf(m.Captures["mod"], nil)
			s.text = ts.Text(m.Captures["name"], src)
			mods = append(mods, modItem{span: s})
		case m.Captures["tokens"] != nil:
			invs = append(invs, invocation{
				macro:  strings.Join(strings.Fields(ts.Text(m.Captures["macro"], src)), ""),
				at:     spanOf(m.Captures["inv"], nil),
				tokens: spanOf(m.Captures["tokens"], src),
			})
		}
	}
	sort.Slice(attrs, func(i, j int) bool { return attrs[i].start < attrs[j].start })
	if len(attrs) > 0 || modConds != nil {
		for i := range mods {
			mods[i].conds = append(attrConds(attachedAttrs(src, attrs, mods[i].start)), modConds[mods[i].start]...)
		}
	}

	var tests []found
	for _, fn := range fns {
		list := attachedAttrs(src, attrs, fn.start)
		if t, ok := classify(list); ok {
			tests = append(tests, found{name: fn.name, line: fn.line, pos: fn.start, attrs: t})
		}
	}
	if len(invs) > 0 {
		var local map[string]*testMacro
		localRead := false
		e := expander{macros: func(name string) *testMacro {
			if !localRead {
				local, localRead = macroDefs(src), true
			}
			if m := local[name]; m != nil {
				return m
			}
			if !remoteRead {
				remote, remoteRead = remoteMacros(source), true
			}
			for _, r := range remote {
				if m := r[name]; m != nil {
					return m
				}
			}
			return nil
		}}
		for _, inv := range invs {
			e.budget = maxExpandTokens
			got := e.invocationTests(inv)
			// A #[cfg(…)] on the invocation holds for all its tests.
			if conds := attrConds(attachedAttrs(src, attrs, inv.at.start)); len(conds) > 0 {
				for i := range got {
					got[i].conds = append(append([]string(nil), conds...), got[i].conds...)
				}
			}
			tests = append(tests, got...)
		}
	}
	if len(tests) == 0 {
		return inventory.File{}, false, false
	}

	// The harness is built into the language: a test attribute is as good as
	// an import, so Decide can only confirm cargo-test.
	decision := source.Project.Decide(source.Path, []inventory.Framework{inventory.FrameworkCargoTest},
		map[inventory.Framework]int{inventory.FrameworkCargoTest: project.ImportWeight})
	f = inventory.File{
		Path:      source.Path,
		Framework: decision.Framework,
		Language:  inventory.LanguageRust,
		Tests:     []inventory.Test{},
	}
	if decision.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = decision.Reason
	}
	// The conditions of the `mod` declarations that load the file come
	// first (modcfg.go).
	if outer := modFileConds(source.Tree, source.Path); len(outer) > 0 {
		fileConds = append(outer, fileConds...)
	}
	if err := build(&f, tests, mods, fileConds); err != nil {
		f.SkipReason = err.Error()
		f.Tests, f.Suites = []inventory.Test{}, nil
	}
	return f, true, gapped
}

func spanOf(n *sitter.Node, src []byte) span {
	s := span{start: n.StartByte(), end: n.EndByte(), line: ts.Line(n)}
	if src != nil {
		s.text = string(src[s.start:s.end])
	}
	return s
}

type fnItem struct {
	span
	name string
}

// attachedAttrs returns the text of the attributes written right before the
// item starting at pos (only whitespace and comments between them).
func attachedAttrs(src []byte, attrs []span, pos uint32) []string {
	i := sort.Search(len(attrs), func(i int) bool { return attrs[i].start >= pos }) - 1
	var out []string
	cursor := pos
	for ; i >= 0; i-- {
		a := attrs[i]
		if a.end > cursor || !isTrivia(src[a.end:cursor]) {
			break
		}
		out = append(out, a.text)
		cursor = a.start
	}
	// Outermost first, as written.
	for l, r := 0, len(out)-1; l < r; l, r = l+1, r-1 {
		out[l], out[r] = out[r], out[l]
	}
	return out
}

// isTrivia reports whether b holds only whitespace and comments.
func isTrivia(b []byte) bool {
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			j := bytes.IndexByte(b[i:], '\n')
			if j < 0 {
				return true
			}
			i += j + 1
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			j := bytes.Index(b[i+2:], []byte("*/"))
			if j < 0 {
				return false
			}
			i += j + 4
		default:
			return false
		}
	}
	return true
}

// testAttrs is what a function's attributes say about it.
type testAttrs struct {
	skipped bool
	// conds are the predicates of its #[cfg(…)] attributes (cfg.go).
	conds []string
	// cases are the display names of statically visible cases.
	cases []string
}

// attrPath splits an attribute's text (#[tokio::test(flavor = "x")]) into
// its path (tokio::test) and the rest ((flavor = "x")).
func attrPath(text string) (string, string) {
	text = strings.TrimSpace(text)
	text = strings.TrimPrefix(text, "#")
	text = strings.TrimSpace(text)
	text = strings.TrimPrefix(text, "[")
	text = strings.TrimSuffix(text, "]")
	text = strings.TrimSpace(text)
	end := 0
	for end < len(text) {
		c := text[end]
		if c == '_' || c == ':' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
			end++
			continue
		}
		break
	}
	path := strings.Join(strings.Fields(text[:end]), "")
	return path, strings.TrimSpace(text[end:])
}

func lastSegment(path string) string {
	if i := strings.LastIndex(path, "::"); i >= 0 {
		return path[i+2:]
	}
	return path
}

// classify reads a function's attributes; ok=false when it is not a test.
func classify(attrs []string) (testAttrs, bool) {
	var t testAttrs
	isTest, kind := false, ""
	var rstestCases []string
	var testCases []string
	for _, a := range attrs {
		path, rest := attrPath(a)
		switch last := lastSegment(path); {
		case path == "test" || strings.HasSuffix(path, "::test") || last == "quickcheck" || last == "wasm_bindgen_test":
			isTest = true
		case last == "rstest":
			isTest, kind = true, "rstest"
		case last == "test_case":
			isTest, kind = true, "test_case"
			testCases = append(testCases, testCaseName(rest, len(testCases)))
		case path == "ignore":
			t.skipped = true
		case path == "cfg":
			if c := cfgArgs(rest); c != "" {
				t.conds = append(t.conds, c)
			}
		case path == "case" || strings.HasPrefix(path, "case::"):
			rstestCases = append(rstestCases, strings.TrimPrefix(strings.TrimPrefix(path, "case"), "::"))
		}
	}
	if !isTest {
		return t, false
	}
	switch kind {
	case "rstest":
		width := len(fmt.Sprint(len(rstestCases)))
		for i, desc := range rstestCases {
			name := fmt.Sprintf("case_%0*d", width, i+1)
			if desc != "" {
				name += "_" + desc
			}
			t.cases = append(t.cases, name)
		}
	case "test_case":
		t.cases = testCases
	}
	return t, true
}

// testCaseName is the name of one #[test_case(args ; "description")] row as
// the test_case crate names the function it generates: the description, or
// else the arguments, lower-cased with every run of other characters turned
// into one underscore. A row with an expected result (=>) and no
// description, or one whose description is not a literal, is [i] (0-based).
func testCaseName(rest string, i int) string {
	rest = strings.TrimSpace(rest)
	rest = strings.TrimPrefix(rest, "(")
	rest = strings.TrimSuffix(rest, ")")
	if j := strings.LastIndex(rest, ";"); j >= 0 {
		desc := strings.TrimSpace(rest[j+1:])
		if s, ok := ts.Unquote(desc); ok && desc[0] == '"' {
			return escapeTestName(s)
		}
		return fmt.Sprintf("[%d]", i)
	}
	if strings.Contains(rest, "=>") || strings.ContainsAny(rest, "\"'") {
		return fmt.Sprintf("[%d]", i)
	}
	return escapeTestName(rest)
}

// escapeTestName turns a description into an identifier the way test_case
// does.
func escapeTestName(s string) string {
	if s == "" {
		return "_empty"
	}
	var b strings.Builder
	under := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			under = false
		} else if !under {
			b.WriteByte('_')
			under = true
		}
	}
	out := b.String()
	if c := out[0]; c != '_' && !(c >= 'a' && c <= 'z') {
		out = "_" + out
	}
	return out
}

// found is one test before suites are attached.
type found struct {
	name  string
	line  int
	pos   uint32
	attrs testAttrs
	// suite are modules a macro's expansion writes around the test.
	suite []string
	// conds are the conditions between the file's modules and the test's
	// own: a #[cfg(…)] on the invocation, on modules of the expansion.
	conds []string
}

// modItem is one inline module: its name (span.text) and the predicates of
// its #[cfg(…)] and #![cfg(…)].
type modItem struct {
	span
	conds []string
}

// invocation is one macro invocation at item level.
type invocation struct {
	macro  string // its path, as written
	at     span   // the whole invocation
	tokens span   // its token tree, delimiters included
}

// invocationTests returns the tests one item-level invocation declares.
func (e *expander) invocationTests(inv invocation) []found {
	switch inv.macro {
	case "proptest", "proptest::proptest":
		return proptestFns(inv.tokens)
	case "quickcheck", "quickcheck::quickcheck":
		return blockFns(inv.tokens, true)
	}
	if m := e.macros(inv.macro); m != nil {
		ts := tokenize(inv.tokens.text, inv.tokens.line)
		if len(ts) != 1 || ts[0].kind != 'g' {
			return nil
		}
		var out []found
		for _, mt := range e.expand(m, ts[0].kids, 0) {
			out = append(out, found{name: mt.name, line: inv.at.line, pos: inv.at.start, attrs: mt.attrs, suite: mt.suite, conds: mt.conds})
		}
		return out
	}
	if !strings.Contains(inv.tokens.text, "fn") || !strings.Contains(inv.tokens.text, "#[") {
		return nil // no function with an attribute in it
	}
	return blockFns(inv.tokens, false)
}

// build fills f from the tests and the modules around them; fileConds are
// the conditions of the whole file.
func build(f *inventory.File, tests []found, mods []modItem, fileConds []string) error {
	sort.SliceStable(tests, func(i, j int) bool { return tests[i].pos < tests[j].pos })
	sort.Slice(mods, func(i, j int) bool { return mods[i].start < mods[j].start })
	suiteSeen := map[string]bool{}
	addSuite := func(path []string, line int) {
		key := strings.Join(path, "\x00")
		if suiteSeen[key] {
			return
		}
		suiteSeen[key] = true
		f.Suites = append(f.Suites, inventory.Suite{Path: append([]string(nil), path...), Line: line})
	}
	names := 0
	// One sweep over tests and modules, both in source order, keeping the
	// stack of modules open at the current test.
	var open []modItem
	next := 0
	var conds, lastConds []string
	cond, condBytes := "", 0
	for _, t := range tests {
		for next < len(mods) && mods[next].start < t.pos {
			for len(open) > 0 && open[len(open)-1].end <= mods[next].start {
				open = open[:len(open)-1]
			}
			open = append(open, mods[next])
			next++
		}
		for len(open) > 0 && open[len(open)-1].end <= t.pos {
			open = open[:len(open)-1]
		}
		// Each test costs its name and its suite path; cases also the
		// test's name.
		names += (1 + len(open) + len(t.suite)) * (1 + len(t.attrs.cases))
		if names > MaxNames {
			return fmt.Errorf("file expands to over %d names", MaxNames)
		}
		path := make([]string, 0, len(open)+len(t.suite))
		for _, m := range open {
			path = append(path, m.text)
			addSuite(path, m.line)
		}
		for _, s := range t.suite {
			path = append(path, s)
			addSuite(path, t.line)
		}
		status := inventory.TestActive
		if t.attrs.skipped {
			status = inventory.TestSkipped
		}
		conds = append(conds[:0], fileConds...)
		for _, m := range open {
			conds = append(conds, m.conds...)
		}
		conds = append(append(conds, t.conds...), t.attrs.conds...)
		// The tests of one module share its condition's string.
		if !slices.Equal(conds, lastConds) {
			lastConds = append(lastConds[:0], conds...)
			cond = combine(conds)
			if len(conds) > 1 {
				condBytes += len(cond)
				if condBytes > maxCondBytes {
					return fmt.Errorf("file's conditions exceed %d bytes", maxCondBytes)
				}
			}
		}
		f.Tests = append(f.Tests, inventory.Test{SuitePath: path, Name: t.name, Line: t.line, Status: status, Kind: inventory.KindTest, Condition: cond})
		if len(t.attrs.cases) == 0 {
			continue
		}
		casePath := append(append([]string{}, path...), t.name)
		addSuite(casePath, t.line)
		for _, c := range t.attrs.cases {
			f.Tests = append(f.Tests, inventory.Test{SuitePath: casePath, Name: c, Line: t.line, Status: status, Kind: inventory.KindCase, Condition: cond})
		}
	}
	sort.SliceStable(f.Tests, func(i, j int) bool { return f.Tests[i].Line < f.Tests[j].Line })
	sort.SliceStable(f.Suites, func(i, j int) bool { return f.Suites[i].Line < f.Suites[j].Line })
	return nil
}
