package javascript

import (
	"path"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
)

// A test file may declare nothing itself and only call a function of
// another module that declares its tests at run time, from data the
// inventory cannot read (parse5's parser-feedback-simulator.test.ts is
// generateTokenizationTests('ParserFeedbackSimulator', …) and nothing else;
// the runner reports 1,740 tests for it). Such a file is still reported:
// no test, and the reason, naming the call.

// namedAsTest reports whether the file's name marks it a test file of its
// own (x.test.*, x.spec.*, x.cy.*, x.e2e.*, or any file under __tests__),
// as the runners' default patterns do. A file that is a candidate only by
// its folder may be a helper, and a bare test.js is as often a fixture or
// a bundler's entry (webpack's configCases) as a suite.
func namedAsTest(relPath string) bool {
	base := path.Base(relPath)
	if _, later := testNameParts(strings.TrimSuffix(base, path.Ext(base))); later {
		return true
	}
	return frontend.AnyDir(relPath, func(elem string) bool { return elem == "__tests__" })
}

// generatorCall finds a statement of the module's top level that calls a
// function imported from another module (gen(…), helper.gen(…),
// require('./helper').gen(…), awaited or not) with a string first, as a
// suite is named ('ParserFeedbackSimulator', 'put'), and returns the callee
// as written and the module.
func generatorCall(root *sitter.Node, src []byte) (callee, module string, ok bool) {
	imported := map[string]string{} // local name → module
	for i := range int(root.NamedChildCount()) {
		n := root.NamedChild(i)
		switch n.Type() {
		case "import_statement":
			if s := n.ChildByFieldName("source"); s != nil {
				if mod, ok := ts.Unquote(ts.Text(s, src)); ok {
					importedNames(n, src, func(name string) { imported[name] = mod })
				}
			}
		case "lexical_declaration", "variable_declaration":
			for j := range int(n.NamedChildCount()) {
				d := n.NamedChild(j)
				if d.Type() != "variable_declarator" {
					continue
				}
				name, value := d.ChildByFieldName("name"), d.ChildByFieldName("value")
				if name == nil || value == nil {
					continue
				}
				mod, ok := requiredModule(value, src)
				if !ok {
					continue
				}
				if name.Type() == "identifier" {
					imported[ts.Text(name, src)] = mod
					continue
				}
				for local := range destructure(ts.Text(name, src)) {
					imported[local] = mod
				}
			}
		case "expression_statement":
			call := n.NamedChild(0)
			if call != nil && call.Type() == "await_expression" {
				call = call.NamedChild(0)
			}
			if call == nil || call.Type() != "call_expression" {
				continue
			}
			fn := call.ChildByFieldName("function")
			if fn == nil {
				continue
			}
			if args := namedArgs(call.ChildByFieldName("arguments")); len(args) == 0 || !isLiteralTitle(args[0]) {
				continue
			}
			root := fn
			for root != nil && root.Type() == "member_expression" {
				root = root.ChildByFieldName("object")
			}
			switch {
			case root == nil:
			case root.Type() == "identifier":
				if mod, ok := imported[ts.Text(root, src)]; ok {
					return ts.Text(fn, src), mod, true
				}
			case fn.Type() == "member_expression":
				if mod, ok := requireOf(root, src); ok { // require('./helper').gen(…)
					return ts.Text(fn, src), mod, true
				}
			}
		}
	}
	return "", "", false
}

// importedNames calls add with each local name an import statement binds:
// its default, namespace and named imports (type-only ones left out).
func importedNames(stmt *sitter.Node, src []byte, add func(string)) {
	for i := range int(stmt.NamedChildCount()) {
		clause := stmt.NamedChild(i)
		if clause.Type() != "import_clause" {
			continue
		}
		for j := range int(clause.NamedChildCount()) {
			c := clause.NamedChild(j)
			switch c.Type() {
			case "identifier":
				add(ts.Text(c, src))
			case "namespace_import":
				if id := c.NamedChild(0); id != nil {
					add(ts.Text(id, src))
				}
			case "named_imports":
				for k := range int(c.NamedChildCount()) {
					spec := c.NamedChild(k)
					if spec.Type() != "import_specifier" {
						continue
					}
					local := spec.ChildByFieldName("alias")
					if local == nil {
						local = spec.ChildByFieldName("name")
					}
					if local != nil {
						add(ts.Text(local, src))
					}
				}
			}
		}
	}
}

// requiredModule reads require('m') and require('m').x.y as module m.
func requiredModule(n *sitter.Node, src []byte) (string, bool) {
	for n != nil && n.Type() == "member_expression" {
		n = n.ChildByFieldName("object")
	}
	if n == nil || n.Type() != "call_expression" {
		return "", false
	}
	return requireOf(n, src)
}
