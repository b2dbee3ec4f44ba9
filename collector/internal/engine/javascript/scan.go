package javascript

import (
	"slices"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// rawCall is a call whose callee is a name or a member chain.
type rawCall struct {
	// ruleRun: new RuleTester(…).run(…), whose callee is no chain.
	ruleRun bool
	node    *sitter.Node
	inner   *sitter.Node // f(table) in f(table)(title, fn)
	parts   []string     // the callee chain: it.skip → [it skip]
}

// args returns the call's arguments node.
func (c *rawCall) args() *sitter.Node { return c.node.ChildByFieldName("arguments") }

// table returns the inner call's arguments (an arguments node, or the
// template string of a tagged template) for f(table)(title, fn).
func (c *rawCall) table() *sitter.Node {
	if c.inner == nil {
		return nil
	}
	return c.inner.ChildByFieldName("arguments")
}

// alias is what a local name stands for: a chain of names to resolve again
// (const itSlow = it.skip), or, when terminal, the name of a test function
// exported by a module (import { test as base } → [test]; a namespace import
// is the empty chain).
type alias struct {
	chain    []string
	terminal bool
}

// function is a function declared in the file, a possible wrapper.
type function struct {
	name string
	node *sitter.Node // the function itself (its range and parameters)
}

// fileScan holds what the query found in one file.
type fileScan struct {
	src      []byte
	calls    []rawCall
	aliases  map[string]alias
	shadowed map[string]bool // test function names the file redeclares as its own functions
	// ruleTesters are the names bound to a new RuleTester(…) (ESLint's, or
	// a wrapper of it): their run(name, rule, {valid, invalid}) declares tests.
	ruleTesters map[string]bool
	ifs         []ifBranch // in the order the if query finds them (cond.go)
	functions   []function
	arrays      map[string][]arrayDecl // every NAME = [ … ] or { … } of the file, in any block
	modules     map[inventory.Framework]bool
	// otherLibrary is a test library the file imports that is none of the
	// frameworks the engine decides (tape, tap, ava …), or "".
	otherLibrary string
	// importsTest: the file imports or requires a binding named test (from
	// any module, a local fixtures file included). Playwright and node:test
	// have no globals, so without it they are not candidates.
	importsTest bool

	fnRanges       [][2]uint32 // byte ranges of functions, filled on first use
	wrapperLookups int
	tableBytes     int              // table text read so far, bounded by maxTableBytes
	parsedTables   map[uint32]value // array literals already read, by where they start
}

func newFileScan(src []byte) *fileScan {
	return &fileScan{
		src:      src,
		aliases:  map[string]alias{},
		shadowed: map[string]bool{},
		arrays:   map[string][]arrayDecl{},
		modules:  map[inventory.Framework]bool{},
	}
}

// collect sorts the query matches into calls, aliases, functions and imports.
func (x *fileScan) collect(matches []ts.Match) {
	for _, m := range matches {
		switch m.Pattern {
		case patCall, patEachCall:
			parts := x.chainOf(m.Captures["fn"])
			if parts == nil {
				fn := m.Captures["fn"]
				if m.Pattern == patCall && fn.Type() == "member_expression" && x.newsRuleTester(fn.ChildByFieldName("object")) &&
					ts.Text(fn.ChildByFieldName("property"), x.src) == "run" {
					x.calls = append(x.calls, rawCall{ruleRun: true, node: m.Captures["call"]})
				}
				continue
			}
			c := rawCall{node: m.Captures["call"], parts: parts}
			if m.Pattern == patEachCall {
				c.inner = m.Captures["inner"]
			} else if len(parts) == 1 && parts[0] == "require" {
				if mod, ok := firstStringArg(c.args(), x.src); ok {
					x.addModule(mod)
				}
			}
			x.calls = append(x.calls, c)
		case patParenCall:
			// (supported ? it : xit)("title", fn), as eslint-plugin-node writes.
			inner := m.Captures["paren"].NamedChild(0)
			if inner != nil && inner.Type() == "ternary_expression" {
				if parts := x.eitherChain(inner); parts != nil {
					x.calls = append(x.calls, rawCall{node: m.Captures["call"], parts: parts})
				}
			}
		case patImport:
			mod, ok := ts.Unquote(ts.Text(m.Captures["src"], x.src))
			if !ok {
				continue
			}
			x.addModule(mod)
			x.importClause(ts.Text(m.Captures["import"], x.src), mod)
		case patDeclarator:
			if d := m.Captures["decl"]; d != nil {
				x.declarator(d.ChildByFieldName("name"), d.ChildByFieldName("value"))
			}
		case patFunction:
			name := ts.Text(m.Captures["name"], x.src)
			x.functions = append(x.functions, function{name: name, node: m.Captures["function"]})
			if _, ok := bases[name]; ok || hooks[name] {
				x.shadowed[name] = true
			}
		}
	}
}

// declarator records const NAME = VALUE when VALUE makes NAME an alias, a
// function, or a literal table.
func (x *fileScan) declarator(nameNode, value *sitter.Node) {
	if nameNode == nil || value == nil {
		return
	}
	vtype := value.Type()
	if (vtype == "as_expression" || vtype == "satisfies_expression") && value.NamedChildCount() > 0 {
		// const rows = [ … ] as const: TypeScript's assertion leaves the value.
		if inner := value.NamedChild(0); inner.Type() == "array" || inner.Type() == "object" {
			value, vtype = inner, inner.Type()
		}
	}
	switch vtype {
	case "identifier", "member_expression", "call_expression", "arrow_function", "function_expression", "array", "object", "ternary_expression", "new_expression":
	default:
		return
	}
	ntype := nameNode.Type()
	if ntype != "identifier" && ntype != "object_pattern" {
		return
	}
	if ntype == "object_pattern" {
		// const { describe, it: spec } = require('mocha')
		if vtype != "call_expression" {
			return
		}
		if mod, ok := requireOf(value, x.src); ok {
			x.addModule(mod)
			for local, imported := range destructure(ts.Text(nameNode, x.src)) {
				if imported == "test" {
					x.importsTest = true
				}
				if local != imported {
					x.aliases[local] = alias{chain: []string{imported}, terminal: true}
				}
			}
		}
		return
	}
	name := ts.Text(nameNode, x.src)
	switch vtype {
	case "identifier", "member_expression":
		parts := x.chainOf(value)
		if parts == nil || len(parts) == 1 && parts[0] == name {
			return
		}
		if _, base := bases[name]; base && len(parts) == 2 && parts[1] == name && !x.known(parts[0]) {
			// const test = t.test, where t is what the caller passed
			// (fastify's shared helpers get node:test's default export):
			// the test function itself.
			x.aliases[name] = alias{chain: parts[1:], terminal: true}
			return
		}
		x.aliases[name] = alias{chain: parts}
	case "new_expression":
		if x.newsRuleTester(value) {
			if x.ruleTesters == nil { // most files have none: no map per file
				x.ruleTesters = map[string]bool{}
			}
			x.ruleTesters[name] = true
		}
	case "ternary_expression":
		if parts := x.eitherChain(value); parts != nil && !(len(parts) == 1 && parts[0] == name) {
			x.aliases[name] = alias{chain: parts}
		}
	case "arrow_function", "function_expression":
		x.functions = append(x.functions, function{name: name, node: value})
		if _, ok := bases[name]; ok || hooks[name] {
			x.shadowed[name] = true
		}
	case "array", "object":
		// An object is a table only to Object.entries, keys and values
		// (loopTable); it is kept here so that it shadows an array of the
		// same name in an outer block.
		x.arrays[name] = append(x.arrays[name], arrayDecl{declarator: nameNode.Parent(), array: value})
	case "call_expression":
		if mod, ok := requireOf(value, x.src); ok {
			// const test = require('node:test'): the module's default export.
			if ch, ok := defaultExport(mod); ok {
				x.aliases[name] = alias{chain: ch, terminal: true}
			}
			if name == "test" {
				x.importsTest = true
			}
			return
		}
		// const test = base.extend({ … }) keeps base's meaning.
		fn := value.ChildByFieldName("function")
		if fn == nil || fn.Type() != "member_expression" {
			return
		}
		parts := x.chainOf(fn)
		if len(parts) >= 2 && parts[len(parts)-1] == "extend" {
			x.aliases[name] = alias{chain: parts[:len(parts)-1]}
		}
	}
}

// known reports whether name is a test function, or an alias of the file's
// so far.
func (x *fileScan) known(name string) bool {
	_, base := bases[name]
	_, alias := x.aliases[name]
	return base || alias
}

// newsRuleTester reports whether n is new RuleTester(…), new
// TSESLint.RuleTester(…), or of a subclass named so (Gitea's class
// VitestRuleTester extends RuleTester, which hands it Vitest's describe and
// it).
func (x *fileScan) newsRuleTester(n *sitter.Node) bool {
	if n == nil || n.Type() != "new_expression" {
		return false
	}
	parts := x.chainOf(n.ChildByFieldName("constructor"))
	return len(parts) > 0 && strings.HasSuffix(parts[len(parts)-1], "RuleTester")
}

// eitherChain reads `cond ? it.skip : it` (express and its middleware skip a
// test on old Node versions this way): a test function either way, so an
// alias of the branch that skips, as a skip mark with a condition is taken
// as applying (pytest's skipif). Nil unless both branches are chains.
func (x *fileScan) eitherChain(ternary *sitter.Node) []string {
	return x.eitherChainAt(ternary, 0)
}

// maxTernaryDepth bounds how deeply nested conditionals of test functions
// are followed ((only ? fit : (skip ? xit : it)), as marked's spec runner
// writes).
const maxTernaryDepth = 4

func (x *fileScan) eitherChainAt(ternary *sitter.Node, depth int) []string {
	branch := func(n *sitter.Node) []string {
		for n != nil && n.Type() == "parenthesized_expression" && n.NamedChildCount() == 1 {
			n = n.NamedChild(0)
		}
		if n != nil && n.Type() == "ternary_expression" && depth < maxTernaryDepth {
			return x.eitherChainAt(n, depth+1)
		}
		return x.chainOf(n)
	}
	yes := branch(ternary.ChildByFieldName("consequence"))
	no := branch(ternary.ChildByFieldName("alternative"))
	if yes == nil || no == nil {
		return nil
	}
	if skipsChain(no) && !skipsChain(yes) {
		return no
	}
	return yes
}

// skipsChain: it.skip, describe.skip, xit, xdescribe …
func skipsChain(parts []string) bool {
	return bases[parts[0]].status == inventory.TestSkipped || slices.Contains(parts[1:], "skip")
}

// requireOf returns M for a call require('M').
func requireOf(call *sitter.Node, src []byte) (string, bool) {
	fn := call.ChildByFieldName("function")
	if fn == nil || fn.Type() != "identifier" || ts.Text(fn, src) != "require" {
		return "", false
	}
	return firstStringArg(call.ChildByFieldName("arguments"), src)
}

func firstStringArg(args *sitter.Node, src []byte) (string, bool) {
	if args == nil || args.Type() != "arguments" || args.NamedChildCount() == 0 {
		return "", false
	}
	a := args.NamedChild(0)
	if a.Type() != "string" {
		return "", false
	}
	return ts.Unquote(ts.Text(a, src))
}

// defaultExport is what the default export (or the CommonJS module object) of
// a module stands for: the test function for node:test and @playwright/test,
// a namespace holding describe/it/… for the other framework modules.
// ok=false for any other module: the local name then keeps its own meaning
// (import test from './fixtures' is still test).
func defaultExport(mod string) ([]string, bool) {
	switch mod {
	case "node:test", "@playwright/test":
		return []string{"test"}, true
	}
	if moduleFramework(mod) != "" {
		return []string{}, true
	}
	return nil, false
}

// importClause records the renames of an import statement:
// import base from 'm', import * as ns from 'm', import { test as base }.
func (x *fileScan) importClause(stmt, mod string) {
	stmt = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(stmt), "import"))
	if strings.HasPrefix(stmt, "type ") || strings.HasPrefix(stmt, "type{") {
		return
	}
	k := strings.LastIndex(stmt, "from")
	if k < 0 {
		return // import 'side-effect'
	}
	clause := strings.TrimSpace(stmt[:k])
	if open := strings.IndexByte(clause, '{'); open >= 0 {
		end := strings.IndexByte(clause, '}')
		if end > open {
			for spec := range strings.SplitSeq(clause[open+1:end], ",") {
				f := strings.Fields(spec)
				if len(f) > 0 && f[0] == "type" {
					continue
				}
				if len(f) > 0 && f[0] == "test" {
					x.importsTest = true
				}
				// import {serial as test} from 'ava' keeps test a test
				// function: what another runner exports under a base's
				// name is its test function.
				if len(f) == 3 && f[1] == "as" && !otherLibraries[mod] {
					x.aliases[f[2]] = alias{chain: []string{f[0]}, terminal: true}
				}
			}
		}
		clause = clause[:open]
	}
	for part := range strings.SplitSeq(clause, ",") {
		part = strings.TrimSpace(part)
		switch {
		case part == "":
		case strings.HasPrefix(part, "*"):
			f := strings.Fields(part)
			if len(f) == 3 && f[1] == "as" && moduleFramework(mod) != "" {
				x.aliases[f[2]] = alias{chain: []string{}, terminal: true}
			}
		case isIdent(part):
			if part == "test" {
				x.importsTest = true
			}
			if ch, ok := defaultExport(mod); ok {
				x.aliases[part] = alias{chain: ch, terminal: true}
			}
		}
	}
}

// destructure reads an object pattern { a, b: c, ...rest } into local →
// imported names (nested patterns and defaults are skipped).
func destructure(pat string) map[string]string {
	out := map[string]string{}
	pat = strings.TrimSpace(pat)
	pat = strings.TrimSuffix(strings.TrimPrefix(pat, "{"), "}")
	for entry := range strings.SplitSeq(pat, ",") {
		key, local, found := strings.Cut(entry, ":")
		key = strings.TrimSpace(key)
		if !found {
			local = key
		}
		local, _, _ = strings.Cut(local, "=")
		local = strings.TrimSpace(local)
		if isIdent(key) && isIdent(local) {
			out[local] = key
		}
	}
	return out
}

// maxCalleeBytes bounds the callee text read: test functions are short
// chains, and reading long callees (a().b().c()… nests each call's text in
// the next) would cost quadratic time on hostile input.
const maxCalleeBytes = 256

// chainOf is chain of a node's text, nil for a node too long to be one.
func (x *fileScan) chainOf(n *sitter.Node) []string {
	if n == nil || n.EndByte()-n.StartByte() > maxCalleeBytes {
		return nil
	}
	return chain(ts.Text(n, x.src))
}

// chain splits a callee such as `test.describe\n  .only` into its names, or
// returns nil when it is anything but identifiers joined by dots.
func chain(text string) []string {
	if strings.ContainsAny(text, " \t\r\n/") {
		text = strings.Join(strings.Fields(text), "")
		if strings.Contains(text, "/") { // a comment inside the chain
			return nil
		}
	}
	if text == "" {
		return nil
	}
	parts := strings.Split(text, ".")
	for _, p := range parts {
		if !isIdent(p) {
			return nil
		}
	}
	return parts
}

func isIdent(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentByte(s[i]) {
			return false
		}
	}
	return true
}
