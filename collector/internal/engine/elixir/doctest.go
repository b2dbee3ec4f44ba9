package elixir

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// Doctests.
//
// `doctest String` in a test module makes one test of every example group
// in String's documentation: ExUnit reads the docs from the compiled module
// (Code.fetch_docs), splits each doc into tests (ExUnit.DocTest) and names
// them "doctest String.at/2 (3)", numbered across the module in its docs'
// order. The same docs are in the module's source, so the engine reads them
// there: the doctest call is reported as one declared test, and each test
// it makes as a case under it, when the module's source is found (the test
// file itself, or the lib/ folder of the test's mix project: see resolve).
//
// Only documentation written as a literal is read: a @doc built at compile
// time, or a function a macro defines, is not seen, as a static reader
// cannot see it.

// docEntry is one documented definition of a module, with the number of
// doctests its documentation makes.
type docEntry struct {
	kind  string // ExUnit's docs kind: callback, function, macro, macrocallback, type
	name  string
	arity int
	tests int
}

// docModule is what a doctest needs of one module.
type docModule struct {
	moduledocTests int
	entries        []docEntry // sorted as Code.fetch_docs' entries are by Enum.sort
}

// docSummary is one source file's modules by full name. A file that never
// writes "iex" has no doctest and is not parsed: its modules are the names
// its defmodule lines write (a nested module by its own segment), each
// with no test.
type docSummary struct {
	modules map[string]*docModule
	unread  bool
}

// module finds a module of the summary by its full name.
func (s docSummary) module(name string) (*docModule, bool) {
	if m, ok := s.modules[name]; ok {
		return m, true
	}
	if s.unread {
		for written, m := range s.modules {
			if strings.HasSuffix(name, "."+written) {
				return m, true
			}
		}
	}
	return nil, false
}

// definedModules is the summary of a file that is not parsed: the modules
// its defmodule lines name, without documentation.
func definedModules(content []byte) docSummary {
	out := docSummary{modules: map[string]*docModule{}, unread: true}
	for _, kw := range [][]byte{[]byte("defmodule"), []byte("defprotocol")} {
		for at := 0; ; {
			i := bytes.Index(content[at:], kw)
			if i < 0 {
				break
			}
			at += i + len(kw)
			if at-len(kw) > 0 && isIdentByte(content[at-len(kw)-1]) {
				continue
			}
			j := at
			for j < len(content) && (content[j] == ' ' || content[j] == '\t' || content[j] == '\n' || content[j] == '\r') {
				j++
			}
			if j == at || j >= len(content) || content[j] < 'A' || content[j] > 'Z' {
				continue
			}
			k := j
			for k < len(content) && (isIdentByte(content[k]) || content[k] == '.') {
				k++
			}
			out.modules[string(content[j:k])] = &docModule{}
		}
	}
	return out
}

// defines reports whether the summary has module.
func (s docSummary) defines(module string) bool {
	_, ok := s.module(module)
	return ok
}

// kindOrder is Erlang's order of the docs kinds, which are atoms.
var kindOrder = map[string]int{"callback": 0, "function": 1, "macro": 2, "macrocallback": 3, "type": 4}

// summarizeDocs reads the modules of one Elixir source file and the doctests
// their documentation makes.
func summarizeDocs(content []byte) docSummary {
	s, _ := summarizeDocsParsed(content, true)
	return s
}

// summarizeDocsParsed is summarizeDocs with function bodies left out of the
// parse (fast) or not; gapped says whether they were.
func summarizeDocsParsed(content []byte, fast bool) (out docSummary, gapped bool) {
	if !bytes.Contains(content, []byte("iex")) {
		return definedModules(content), false
	}
	var gaps []ts.Gap
	var blocks []bodyBlock
	if fast {
		l, _ := lexBlocks(content)
		if modules, ok := scanDocs(content, l); ok {
			sortEntries(modules)
			return docSummary{modules: modules}, true
		}
		gaps, blocks = gapsOf(l, content, docBodies, true)
	}
	out = docSummary{modules: map[string]*docModule{}}
	tree, gapped, err := grammar.ParseGapped(content, gaps, confirmBodies(content, blocks))
	if err != nil {
		return out, false
	}
	defer tree.Close()
	r := docReader{src: content, out: out.modules}
	r.body(tree.RootNode(), "")
	sortEntries(out.modules)
	return out, gapped
}

// sortEntries sorts each module's entries as Code.fetch_docs' are by
// Enum.sort: kind, then name, then arity.
func sortEntries(modules map[string]*docModule) {
	for _, m := range modules {
		sort.SliceStable(m.entries, func(i, j int) bool {
			a, b := m.entries[i], m.entries[j]
			if a.kind != b.kind {
				return kindOrder[a.kind] < kindOrder[b.kind]
			}
			if a.name != b.name {
				return a.name < b.name
			}
			return a.arity < b.arity
		})
	}
}

type docReader struct {
	src []byte
	out map[string]*docModule
}

// body reads the statements of a module body (or the file) whose module is
// named module ("" outside any).
func (r *docReader) body(n *sitter.Node, module string) {
	var m *docModule
	if module != "" {
		m = r.out[module]
		if m == nil {
			m = &docModule{}
			r.out[module] = m
		}
	}
	// pending is the documentation that the next definition takes: nil when
	// none; a @doc false is an empty, present doc.
	var pending *string
	seen := map[docEntry]bool{}
	for i := 0; i < int(n.NamedChildCount()); i++ {
		st := n.NamedChild(i)
		// `defmodule M do … end |> write_beam()` defines M all the same.
		for st.Type() == "binary_operator" && r.operator(st) == "|>" && st.ChildByFieldName("left") != nil {
			st = st.ChildByFieldName("left")
		}
		switch st.Type() {
		case "call":
			kw := callName(st, r.src)
			switch kw {
			case "defmodule", "defprotocol":
				name, do := r.moduleHead(st)
				if name == "" || do == nil {
					continue
				}
				if module != "" && kw == "defmodule" {
					name = module + "." + name
				}
				r.body(do, name)
			case "def", "defmacro", "defguard", "defdelegate":
				if m == nil || pending == nil {
					continue
				}
				kind := "function"
				if kw == "defmacro" || kw == "defguard" {
					kind = "macro"
				}
				name, arity, ok := r.head(st)
				doc := *pending
				pending = nil
				if !ok {
					continue
				}
				m.add(seen, docEntry{kind: kind, name: name, arity: arity, tests: countDoctests(doc)})
			}
		case "unary_operator":
			attr, arg := r.attribute(st)
			switch attr {
			case "moduledoc":
				if m != nil {
					if doc, ok := r.docText(arg); ok {
						m.moduledocTests = countDoctests(doc)
					}
				}
			case "doc", "typedoc":
				if doc, ok := r.docText(arg); ok {
					pending = &doc
				}
			case "callback", "macrocallback", "type", "opaque":
				if m == nil || pending == nil {
					continue
				}
				doc := *pending
				pending = nil
				kind := attr
				if attr == "opaque" {
					kind = "type"
				}
				if name, arity, ok := r.specHead(arg); ok {
					m.add(seen, docEntry{kind: kind, name: name, arity: arity, tests: countDoctests(doc)})
				}
			}
		}
	}
}

// add records an entry once: a function's other clauses carry no doc.
func (m *docModule) add(seen map[docEntry]bool, e docEntry) {
	key := docEntry{kind: e.kind, name: e.name, arity: e.arity}
	if seen[key] {
		return
	}
	seen[key] = true
	if e.tests > 0 {
		m.entries = append(m.entries, e)
	}
}

// callName is the identifier a call's target names ("" for a remote or
// dynamic target).
func callName(call *sitter.Node, src []byte) string {
	t := call.ChildByFieldName("target")
	if t == nil || t.Type() != "identifier" {
		return ""
	}
	return ts.Text(t, src)
}

// firstArg is the first argument of a call, or nil.
func firstArg(call *sitter.Node) *sitter.Node {
	for i := 0; i < int(call.NamedChildCount()); i++ {
		if c := call.NamedChild(i); c.Type() == "arguments" {
			if c.NamedChildCount() == 0 {
				return nil
			}
			return c.NamedChild(0)
		}
	}
	return nil
}

func doBlock(call *sitter.Node) *sitter.Node {
	for i := 0; i < int(call.NamedChildCount()); i++ {
		if c := call.NamedChild(i); c.Type() == "do_block" {
			return c
		}
	}
	return nil
}

// moduleHead is the alias a defmodule names and its body.
func (r *docReader) moduleHead(call *sitter.Node) (string, *sitter.Node) {
	a := firstArg(call)
	if a == nil || a.Type() != "alias" {
		return "", nil
	}
	return ts.Text(a, r.src), doBlock(call)
}

// attribute is the name and first argument of `@name arg`.
func (r *docReader) attribute(n *sitter.Node) (string, *sitter.Node) {
	op := n.ChildByFieldName("operand")
	if op == nil || op.Type() != "call" || n.StartByte() >= uint32(len(r.src)) || r.src[n.StartByte()] != '@' {
		return "", nil
	}
	return callName(op, r.src), firstArg(op)
}

// head is the name and arity a def's head declares: `name(a, b \\ 1)`,
// `name`, `name(a) when guard`, `left + right`, `unquote(:{})(args)`.
func (r *docReader) head(def *sitter.Node) (string, int, bool) {
	h := firstArg(def)
	if h != nil && h.Type() == "binary_operator" && r.operator(h) == "when" {
		h = h.ChildByFieldName("left")
	}
	if h == nil {
		return "", 0, false
	}
	switch h.Type() {
	case "identifier":
		return ts.Text(h, r.src), 0, true
	case "call":
		name := callName(h, r.src)
		if name == "" {
			// unquote(:name)(args)
			t := h.ChildByFieldName("target")
			if t == nil || t.Type() != "call" || callName(t, r.src) != "unquote" {
				return "", 0, false
			}
			a := firstArg(t)
			if a == nil || a.Type() != "atom" {
				return "", 0, false
			}
			name = atomName(ts.Text(a, r.src))
		}
		return name, argCount(h), true
	case "binary_operator":
		// first..last//step is the ternary operator ..//.
		if l := h.ChildByFieldName("left"); r.operator(h) == "//" && l != nil && l.Type() == "binary_operator" && r.operator(l) == ".." {
			return "..//", 3, true
		}
		return r.operator(h), 2, true
	case "block":
		// (..): an operator defined with no operands.
		if h.NamedChildCount() == 1 && h.NamedChild(0).Type() == "operator_identifier" {
			return ts.Text(h.NamedChild(0), r.src), 0, true
		}
	case "unary_operator":
		return r.operator(h), 1, true
	}
	return "", 0, false
}

// specHead is the name and arity of `name(args) :: type` (a callback or a
// type).
func (r *docReader) specHead(spec *sitter.Node) (string, int, bool) {
	if spec == nil {
		return "", 0, false
	}
	if spec.Type() == "binary_operator" && r.operator(spec) == "when" {
		spec = spec.ChildByFieldName("left")
	}
	if spec == nil || spec.Type() != "binary_operator" || r.operator(spec) != "::" {
		return "", 0, false
	}
	h := spec.ChildByFieldName("left")
	switch {
	case h == nil:
		return "", 0, false
	case h.Type() == "identifier":
		return ts.Text(h, r.src), 0, true
	case h.Type() == "call" && callName(h, r.src) != "":
		return callName(h, r.src), argCount(h), true
	}
	return "", 0, false
}

func (r *docReader) operator(n *sitter.Node) string {
	if op := n.ChildByFieldName("operator"); op != nil {
		return ts.Text(op, r.src)
	}
	return ""
}

// argCount is the number of arguments of a call; a trailing keyword list
// is one.
func argCount(call *sitter.Node) int {
	for i := 0; i < int(call.NamedChildCount()); i++ {
		if c := call.NamedChild(i); c.Type() == "arguments" {
			return int(c.NamedChildCount())
		}
	}
	return 0
}

// atomName is the name of an atom literal (:name, :"name").
func atomName(lit string) string {
	lit = strings.TrimPrefix(lit, ":")
	if s, err := strconv.Unquote(lit); err == nil {
		return s
	}
	return lit
}

// docText is the text of a documentation attribute's argument: a string or
// heredoc, or a ~s/~S sigil. ok is false for `@doc false` and anything
// that is not text (metadata such as `@doc since: "1.0"` is neither doc
// nor `false`, so it leaves pending documentation alone: the caller treats
// ok=false with a non-false argument as no change).
func (r *docReader) docText(arg *sitter.Node) (string, bool) {
	if arg == nil {
		return "", false
	}
	lit := ts.Text(arg, r.src)
	switch arg.Type() {
	case "boolean", "nil":
		return "", true // @doc false: documented as hidden, no doctest
	case "string":
		return literalText(lit, true), true
	case "sigil":
		if len(lit) < 3 || lit[0] != '~' {
			return "", false
		}
		switch lit[1] {
		case 'S':
			return literalText(lit[2:], false), true
		case 's':
			return literalText(lit[2:], true), true
		}
	}
	return "", false
}

// literalText is the value of a string literal ("…" or a heredoc, with its
// delimiters): a heredoc loses the indentation of its closing delimiter, as
// the Elixir tokenizer strips it; escapes are decoded when escapes is set.
func literalText(lit string, escapes bool) string {
	var body string
	switch {
	case len(lit) >= 6 && (strings.HasPrefix(lit, `"""`) || strings.HasPrefix(lit, `'''`)):
		body = heredocBody(lit[3 : len(lit)-3])
	case len(lit) >= 2:
		body = lit[1 : len(lit)-1]
	default:
		return ""
	}
	if !escapes {
		return body
	}
	return ts.Unescape(body, &elixirEscapes)
}

// heredocBody is the content between a heredoc's delimiters: from the line
// after the opening one, each line without the closing line's indentation.
func heredocBody(inner string) string {
	nl := strings.IndexByte(inner, '\n')
	if nl < 0 {
		return ""
	}
	inner = inner[nl+1:]
	last := strings.LastIndexByte(inner, '\n')
	indent := len(inner) - last - 1
	if strings.TrimLeft(inner[last+1:], " \t") != "" {
		indent = 0
	}
	lines := strings.Split(inner[:last+1], "\n")
	for i, l := range lines {
		n := 0
		for n < indent && n < len(l) && (l[n] == ' ' || l[n] == '\t') {
			n++
		}
		lines[i] = l[n:]
	}
	return strings.Join(lines, "\n")
}

// countDoctests is the number of tests ExUnit.DocTest makes of one doc:
// its adjust_indent and extract_tests, which group `iex>` examples into
// tests, ported to count the tests each starts.
func countDoctests(doc string) int {
	if !strings.Contains(doc, "iex") {
		return 0
	}
	lines := strings.Split(strings.ReplaceAll(doc, "\r\n", "\n"), "\n")
	var adjusted []string
	const (
		text = iota
		prompt
		afterPrompt
		code
	)
	state, indent := text, 0
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		switch state {
		case text:
			if hasPrompt(strings.TrimLeft(line, " \t"), iexPrompts) {
				if p := strings.Index(line, "iex"); p >= 0 {
					indent = p
				}
				state = prompt
				i--
			}
		case prompt, afterPrompt:
			stripped := stripIndent(line, indent)
			adjusted = append(adjusted, stripped)
			if state == prompt || hasPrompt(stripped, iexPrompts) || hasPrompt(stripped, dotPrompts) {
				state = afterPrompt
			} else {
				state = code
			}
		case code:
			stripped := stripIndent(line, indent)
			switch {
			case stripped == "":
				adjusted = append(adjusted, "")
				state, indent = text, 0
			case hasPrompt(strings.TrimLeft(line, " \t"), iexPrompts):
				state = prompt
				i--
			default:
				adjusted = append(adjusted, stripped)
			}
		}
	}

	count := 0
	var expr, expected string
	open, newTest := false, true // open: a test has been started
	for i := 0; i < len(adjusted); i++ {
		l := adjusted[i]
		switch {
		case strings.HasPrefix(l, "iex>") && expr != "" && expected != "" && open:
			expr, expected = "", ""
			i--
		case strings.HasPrefix(l, "iex>") && expr == "" && newTest:
			count++
			open, newTest = true, false
			expr = l[4:]
		case strings.HasPrefix(l, "iex>") && expr == "":
			expr = l[4:]
		case strings.HasPrefix(l, "iex>"):
			expr += "\n" + l[4:]
		case strings.HasPrefix(l, "...>") && expr != "":
			expr += "\n" + l[4:]
		case len(l) > 4 && (strings.HasPrefix(l, "iex(") || strings.HasPrefix(l, "...(")):
			end := strings.Index(l[4:], ")>")
			if end < 0 {
				return count // ExUnit raises: the doctest does not compile
			}
			adjusted[i] = l[:3] + l[4+end+1:]
			i--
		case expr == "" && expected == "":
			newTest = true
		case (strings.HasPrefix(l, "```") || strings.HasPrefix(l, "~~~")) && expr != "" && open, l == "" && open:
			expr, expected = "", ""
			newTest = true
		case expected == "":
			expected = l
		default:
			expected += "\n" + l
		}
	}
	return count
}

var (
	iexPrompts = []string{"iex>", "iex("}
	dotPrompts = []string{"...>", "...("}
)

func hasPrompt(s string, prompts []string) bool {
	for _, p := range prompts {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// stripIndent drops the first indent bytes of line, as ExUnit's
// strip_indent does (a shorter line becomes empty).
func stripIndent(line string, indent int) string {
	if len(line) > indent {
		return line[indent:]
	}
	return ""
}

// docsKey names the documentation summaries in a frontend.Tree.
const docsKey = "elixir.docs"

// maxSearchFolders bounds the folders searched for a module's file by name.
const maxSearchFolders = 2000

// findDocs finds the documentation of module for a doctest in the test file
// at testPath: in the test file itself (own), else where mix compiles it
// from — the lib/ folder of the nearest folder with a mix.exs above the test
// file (the checkout's root without one). There the module is looked for in
// its conventional file (Foo.BarBaz in lib/foo/bar_baz.ex), in the file of a
// module that encloses it (lib/foo.ex), and last in any file named after it
// under lib/ (Date in lib/calendar/date.ex, DateTime in
// lib/calendar/datetime.ex).
func findDocs(tree frontend.Tree, testPath string, own docSummary, module string) (*docModule, bool) {
	if m, ok := own.module(module); ok {
		return m, true
	}
	if tree == nil {
		return nil, false
	}
	lib := path.Join(mixRoot(tree, path.Dir(testPath)), "lib")
	in := func(p string) (*docModule, bool) {
		v, ok := tree.Summarize(p, docsKey, func(c []byte) any { return summarizeDocs(c) })
		if !ok {
			return nil, false
		}
		return v.(docSummary).module(module)
	}
	segs := strings.Split(module, ".")
	styles := []func(string) string{underscore, underscoreWords, strings.ToLower}
	for _, style := range styles {
		names := make([]string, len(segs))
		for i, s := range segs {
			names[i] = style(s)
		}
		for n := len(names); n >= 1; n-- {
			if m, ok := in(path.Join(lib, path.Join(names[:n]...)) + ".ex"); ok {
				return m, true
			}
		}
	}
	// Any file named like the module, however its words are joined:
	// NaiveDateTime in lib/calendar/naive_datetime.ex.
	want := strings.ToLower(segs[len(segs)-1]) + ".ex"
	queue, visited := []string{lib}, 0
	for len(queue) > 0 && visited < maxSearchFolders {
		dir := queue[0]
		queue = queue[1:]
		visited++
		files, ok := tree.Files(dir)
		if !ok {
			continue
		}
		for _, f := range files {
			if strings.ReplaceAll(f, "_", "") == want {
				if m, ok := in(path.Join(dir, f)); ok {
					return m, true
				}
			}
		}
		folders, _ := tree.Folders(dir)
		for _, f := range folders {
			queue = append(queue, path.Join(dir, f))
		}
	}
	return nil, false
}

// mixRoot is the nearest folder from dir up that holds a mix.exs, or ".".
func mixRoot(tree frontend.Tree, dir string) string {
	for {
		if files, ok := tree.Files(dir); ok && slices.Contains(files, "mix.exs") {
			return dir
		}
		if dir == "." || dir == "/" || dir == "" {
			return "."
		}
		dir = path.Dir(dir)
	}
}

// underscore is Macro.underscore of one alias segment: "DateTime" →
// "date_time", "HTTPClient" → "http_client", "EEx" → "e_ex".
func underscore(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) && i > 0 && (!isUpper(s[i-1]) || i+1 < len(s) && isLower(s[i+1])) {
			sb.WriteByte('_')
		}
		sb.WriteByte(toLower(c))
	}
	return sb.String()
}

// underscoreWords splits only where a lowercase letter or digit meets an
// uppercase one ("EEx" → "eex"), as many projects name their files.
func underscoreWords(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) && i > 0 && (isLower(s[i-1]) || s[i-1] >= '0' && s[i-1] <= '9') {
			sb.WriteByte('_')
		}
		sb.WriteByte(toLower(c))
	}
	return sb.String()
}

func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func toLower(c byte) byte {
	if isUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}

// doctestCases names the tests `doctest module, opts` makes, as ExUnit
// names them after "doctest " (and the describe block's name), or nil when
// the module's documentation is not found (an empty list: found, with no
// example). own is
// the test file's own summary, read once, at its first doctest.
func doctestCases(src *frontend.Source, own *docSummary, module, call string) []string {
	if own.modules == nil {
		// The file's own modules are read only when it defines the one a
		// doctest names, which few do: it would be a second parse.
		*own = docSummary{modules: map[string]*docModule{}}
		if names := definedModules(src.Content); names.defines(module) {
			*own = summarizeDocs(src.Content)
		}
	}
	m, ok := findDocs(src.Tree, src.Path, *own, module)
	if !ok {
		return nil
	}
	except, only, hasOnly := doctestFilters(call)
	keep := func(fa string) bool { return !except[fa] && (!hasOnly || only[fa]) }
	names := []string{}
	n := 0
	if keep("moduledoc") {
		for range m.moduledocTests {
			n++
			names = append(names, fmt.Sprintf("module %s (%d)", module, n))
		}
	}
	for _, e := range m.entries {
		fa := fmt.Sprintf("%s/%d", e.name, e.arity)
		if !keep(fa) {
			continue
		}
		for range e.tests {
			n++
			names = append(names, fmt.Sprintf("%s.%s (%d)", module, fa, n))
		}
	}
	return names
}

var (
	reTags       = regexp.MustCompile(`\btags:\s*(\[[^\]]*\])`)
	reFilterList = regexp.MustCompile(`\b(except|only):\s*\[([^\]]*)\]`)
	reFunArity   = regexp.MustCompile(`(?:\{\s*:"?([^\s,"{}]+)"?\s*,\s*|"?([^\s,:"\[\]]+)"?:\s*)(\d+)`)
)

// doctestFilters reads a doctest's except: and only: lists into sets of
// "name/arity" and "moduledoc".
func doctestFilters(call string) (except, only map[string]bool, hasOnly bool) {
	except, only = map[string]bool{}, map[string]bool{}
	for _, m := range reFilterList.FindAllStringSubmatch(call, -1) {
		set := except
		if m[1] == "only" {
			set, hasOnly = only, true
		}
		if strings.Contains(m[2], ":moduledoc") {
			set["moduledoc"] = true
		}
		for _, fa := range reFunArity.FindAllStringSubmatch(m[2], -1) {
			set[fa[1]+fa[2]+"/"+fa[3]] = true
		}
	}
	return except, only, hasOnly
}

// doctestSkips reports whether a doctest's tags: option skips its tests.
func doctestSkips(call string) bool {
	m := reTags.FindStringSubmatch(call)
	return m != nil && skips(m[1])
}
