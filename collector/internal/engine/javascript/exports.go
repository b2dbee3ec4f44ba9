package javascript

import (
	"sort"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

// Mocha's exports interface (`--ui exports`, chosen in the project's Mocha
// config) declares no test by a call: the module's exports are the tests.
// Mocha visits the exported object: a function is a test titled by its key
// (before, after, beforeEach and afterEach are hooks), an object is a suite
// titled by its key whose members are visited the same way.
//
//	exports['formats dates'] = function () { … }   // a test
//	exports = exports.domino = {}                  // a suite; exports.x adds to it
//	module.exports = { Array: { '#indexOf()': { 'returns -1': function () {} } } }
//
// Only the module's top-level statements are read: exports built at run time
// (a loop, Object.keys(…).reduce, require of another file) are not declared
// in the source.
type exportsScan struct {
	src      []byte
	bindings map[string][]string // exports, module.exports → the suite path they stand for
	tests    []inventory.Test
	suites   []inventory.Suite
}

var exportsHooks = map[string]bool{"before": true, "after": true, "beforeEach": true, "afterEach": true}

// extractExports reads a file of a project whose Mocha config selects the
// exports interface. ok=false when it exports no test.
func (e Extractor) extractExports(source *frontend.Source) (inventory.File, bool) {
	tree, err := grammarFor(source.Path).g.Parse(source.Content)
	if err != nil {
		return inventory.File{}, false
	}
	defer tree.Close()
	s := &exportsScan{src: source.Content, bindings: map[string][]string{"exports": {}, "module.exports": {}}}
	root := tree.RootNode()
	for i := 0; i < int(root.NamedChildCount()); i++ {
		st := root.NamedChild(i)
		if st.Type() == "expression_statement" && st.NamedChildCount() > 0 {
			if a := st.NamedChild(0); a.Type() == "assignment_expression" {
				s.assign(a, 0)
			}
		}
	}
	if len(s.tests) == 0 {
		return inventory.File{}, false
	}
	// A method's line is its name's; a broken file can put a later test's
	// function earlier.
	sort.SliceStable(s.tests, func(i, j int) bool { return s.tests[i].Line < s.tests[j].Line })
	return inventory.File{
		Path:      source.Path,
		Framework: inventory.FrameworkMocha,
		Language:  e.LanguageOf(source.Path),
		Suites:    s.suites,
		Tests:     s.tests,
	}, true
}

// assign reads left = right and returns the suite path right became, or nil.
func (s *exportsScan) assign(a *sitter.Node, depth int) []string {
	left, right := a.ChildByFieldName("left"), a.ChildByFieldName("right")
	if left == nil || right == nil || depth > maxExportsDepth {
		return nil
	}
	if right.Type() == "assignment_expression" {
		// exports = exports.domino = {}: the local exports now adds to it.
		inner := s.assign(right, depth+1)
		if inner != nil && left.Type() == "identifier" && ts.Text(left, s.src) == "exports" {
			s.bindings["exports"] = inner
		}
		return inner
	}
	at, ok := s.pathOf(left)
	if !ok {
		return nil
	}
	return s.value(at, right, depth)
}

// pathOf is the suite path of an assignment target: a binding (exports,
// module.exports) or a member of one (exports.x, exports['x y']).
func (s *exportsScan) pathOf(n *sitter.Node) ([]string, bool) {
	text := ts.Text(n, s.src)
	if p, ok := s.bindings[text]; ok {
		return p, true
	}
	var key string
	var obj *sitter.Node
	switch n.Type() {
	case "member_expression":
		obj, key = n.ChildByFieldName("object"), ts.Text(n.ChildByFieldName("property"), s.src)
	case "subscript_expression":
		obj = n.ChildByFieldName("object")
		idx := n.ChildByFieldName("index")
		if idx == nil || idx.Type() != "string" {
			return nil, false
		}
		key, _ = ts.Unquote(ts.Text(idx, s.src))
	default:
		return nil, false
	}
	if key == "" {
		key = emptyTitle
	}
	if obj == nil {
		return nil, false
	}
	base, ok := s.bindings[ts.Text(obj, s.src)]
	if !ok {
		return nil, false
	}
	return append(base[:len(base):len(base)], key), true
}

// maxExportsDepth bounds how deeply nested suites and chained assignments
// are read, whatever the input.
const maxExportsDepth = 64

// value declares what an exported value at path is: a test, a suite, or
// nothing. It returns the path when value is a suite.
func (s *exportsScan) value(path []string, v *sitter.Node, depth int) []string {
	if depth > maxExportsDepth {
		return nil
	}
	switch v.Type() {
	case "function_expression", "arrow_function", "function", "generator_function", "method_definition":
		if len(path) == 0 || exportsHooks[path[len(path)-1]] {
			return nil
		}
		s.tests = append(s.tests, inventory.Test{
			SuitePath: append([]string{}, path[:len(path)-1]...), Name: path[len(path)-1],
			Line: ts.Line(v), Status: inventory.TestActive, Kind: inventory.KindTest,
		})
		return nil
	case "object":
		if len(path) > 0 {
			s.suites = append(s.suites, inventory.Suite{Path: append([]string{}, path...), Line: ts.Line(v)})
		}
		for i := 0; i < int(v.NamedChildCount()); i++ {
			pair := v.NamedChild(i)
			var key string
			switch pair.Type() {
			case "pair":
				k := pair.ChildByFieldName("key")
				if k == nil {
					continue
				}
				key = ts.Text(k, s.src)
				if k.Type() == "string" {
					key, _ = ts.Unquote(key)
				} else if k.Type() != "property_identifier" && k.Type() != "number" {
					continue // a computed key
				}
				if key == "" {
					key = emptyTitle
				}
				if val := pair.ChildByFieldName("value"); val != nil {
					s.value(append(path[:len(path):len(path)], key), val, depth+1)
				}
			case "method_definition":
				// { 'adds'() { … } } is a function too.
				if k := pair.ChildByFieldName("name"); k != nil {
					key = ts.Text(k, s.src)
					if k.Type() == "string" {
						key, _ = ts.Unquote(key)
					}
					if key == "" {
						key = emptyTitle
					}
					s.value(append(path[:len(path):len(path)], key), pair, depth+1)
				}
			}
		}
		return path
	}
	return nil
}
