package php

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

var (
	reTestTag     = regexp.MustCompile(`(?m)^[\s/*]*@test\s*$|^[\s/*]*@test\s+\*/`)
	reProviderTag = regexp.MustCompile(`(?m)@dataProvider\s+([A-Za-z_\\][\w\\]*(?:::\w+)?)`)
	reFirstMark   = regexp.MustCompile(`^(?:\$this\s*->|self\s*::|static\s*::|parent\s*::)\s*(markTestSkipped|markTestIncomplete)\s*\(`)
)

// methodInfo is what the declaration of a method says.
type methodInfo struct {
	public, abstract bool
	attrs            []phpAttr
	doc              string
	body             *sitter.Node
}

type phpAttr struct {
	name string
	node *sitter.Node
	args []*sitter.Node // argument values
}

func (x *extraction) info(m *method) methodInfo {
	inf := methodInfo{public: true}
	n := m.node
	for i := 0; i < int(n.ChildCount()); i++ {
		c := n.Child(i)
		switch c.Type() {
		case "visibility_modifier":
			inf.public = ts.Text(c, x.src) == "public"
		case "abstract_modifier":
			inf.abstract = true
		case "compound_statement":
			inf.body = c
		case "attribute_list":
			inf.attrs = x.attributes(c)
		}
	}
	if p := n.PrevNamedSibling(); p != nil && p.Type() == "comment" {
		if t := ts.Text(p, x.src); strings.HasPrefix(t, "/**") {
			inf.doc = t
		}
	}
	return inf
}

// attributes lists the attributes of an attribute_list, by short name
// (#[\PHPUnit\Framework\Attributes\Test] → Test).
func (x *extraction) attributes(list *sitter.Node) []phpAttr {
	var out []phpAttr
	for i := 0; i < int(list.NamedChildCount()); i++ {
		g := list.NamedChild(i)
		for j := 0; j < int(g.NamedChildCount()); j++ {
			a := g.NamedChild(j)
			if a.Type() != "attribute" || a.NamedChildCount() == 0 {
				continue
			}
			name := ts.Text(a.NamedChild(0), x.src)
			if k := strings.LastIndexByte(name, '\\'); k >= 0 {
				name = name[k+1:]
			}
			pa := phpAttr{name: name, node: a}
			if params := a.ChildByFieldName("parameters"); params != nil {
				pa.args = argValues(params)
			}
			out = append(out, pa)
		}
	}
	return out
}

// argValues lists the values of an arguments node (named arguments too).
func argValues(args *sitter.Node) []*sitter.Node {
	var out []*sitter.Node
	for i := 0; i < int(args.NamedChildCount()) && len(out) < maxItems; i++ {
		a := args.NamedChild(i)
		if a.Type() != "argument" || a.NamedChildCount() == 0 {
			continue
		}
		out = append(out, a.NamedChild(int(a.NamedChildCount())-1))
	}
	return out
}

// firstMark returns markTestSkipped/markTestIncomplete when it is the first
// statement of body.
func (x *extraction) firstMark(body *sitter.Node) string {
	if body == nil {
		return ""
	}
	for i := 0; i < int(body.NamedChildCount()); i++ {
		s := body.NamedChild(i)
		if s.Type() == "comment" {
			continue
		}
		if s.Type() != "expression_statement" {
			return ""
		}
		if m := reFirstMark.FindSubmatch(x.src[s.StartByte():min(s.EndByte(), s.StartByte()+64)]); m != nil {
			return string(m[1])
		}
		return ""
	}
	return ""
}

func markStatus(mark string) inventory.TestStatus {
	switch mark {
	case "markTestSkipped":
		return inventory.TestSkipped
	case "markTestIncomplete":
		return inventory.TestTodo
	}
	return inventory.TestActive
}

// isTestClass: a class that extends something and either is named *Test or
// extends a *TestCase / *Test class (PHPUnit's own rule is inheritance from
// PHPUnit\Framework\TestCase, which one file cannot see).
func (x *extraction) isTestClass(c *class) bool {
	for i := 0; i < int(c.node.NamedChildCount()); i++ {
		b := c.node.NamedChild(i)
		if b.Type() != "base_clause" {
			continue
		}
		base := strings.TrimSpace(ts.Text(b, x.src))
		if k := strings.LastIndexByte(base, '\\'); k >= 0 {
			base = base[k+1:]
		}
		if strings.HasSuffix(base, "TestCase") {
			c.testCaseBase = true
			return true
		}
		return strings.HasSuffix(c.name, "Test") || strings.HasSuffix(base, "Test")
	}
	return false
}

// classTest is one test method of a class with its data sets, as the class
// declares it (before inheritance).
type classTest struct {
	name   string
	line   int
	status inventory.TestStatus
	cases  []inventory.Test // Name, Line, Status
	// providers are the test's data provider names, as written: a subclass
	// that inherits the test runs them on itself (late binding), so one
	// that defines a provider of that name gets its own data sets.
	providers []string
	// written are the cases of #[TestWith] and @testWith, which no subclass
	// changes.
	written []inventory.Test
}

// classStatus is the status a skipping setUp() gives every test of c.
func (x *extraction) classStatus(c *class) inventory.TestStatus {
	st := inventory.TestActive
	if setUp := c.byName["setup"]; setUp != nil {
		st = markStatus(x.firstMark(x.info(setUp).body))
		if st == inventory.TestTodo {
			st = inventory.TestActive // an incomplete setUp is rare and not a todo of every test
		}
	}
	return st
}

// ownTests lists the public, concrete test methods c declares itself.
func (x *extraction) ownTests(c *class) []classTest {
	classStatus := x.classStatus(c)
	var out []classTest
	for _, m := range c.methods {
		inf := x.info(m)
		if !inf.public || inf.abstract || !x.isTestMethod(m, inf) {
			continue
		}
		status := classStatus
		if status == inventory.TestActive {
			status = markStatus(x.firstMark(inf.body))
		}
		t := classTest{name: m.name, line: ts.Line(m.node), status: status, providers: providersOf(inf, x.src)}
		t.written = x.writtenDataSets(m, inf, status)
		t.cases = append(slices.Clone(t.written), x.providerDataSets(c, t.providers, status)...)
		out = append(out, t)
	}
	return out
}

func (x *extraction) phpunit() {
	for _, c := range x.classes {
		if !x.isTestClass(c) {
			continue
		}
		suitePath := []string{c.name}
		tests := x.ownTests(c)
		testCase := c.testCaseBase
		if !c.abstract {
			// PHPUnit runs the inherited test methods in every concrete
			// subclass (an abstract class is never run itself).
			inherited, viaTestCase := x.inherited(c)
			if st := x.classStatus(c); st != inventory.TestActive {
				// The subclass's own setUp() skips what it inherits too.
				for k := range inherited {
					inherited[k].status = st
					cases := make([]inventory.Test, len(inherited[k].cases))
					for i, cs := range inherited[k].cases {
						cs.Status = st
						cases[i] = cs
					}
					inherited[k].cases = cases
				}
			}
			tests = append(tests, inherited...)
			testCase = testCase || viaTestCase
		}
		for _, t := range tests {
			x.classTests++
			if testCase {
				x.testCaseTests++
			}
			x.tests = append(x.tests, inventory.Test{SuitePath: suitePath, Name: t.name, Line: t.line, Status: t.status, Kind: inventory.KindTest})
			if len(t.cases) == 0 {
				continue
			}
			casePath := []string{c.name, t.name}
			added := 0
			for _, cs := range t.cases {
				if x.cases >= MaxCases {
					break
				}
				x.cases++
				added++
				x.tests = append(x.tests, inventory.Test{SuitePath: casePath, Name: cs.Name, Line: cs.Line, Status: cs.Status, Kind: inventory.KindCase})
			}
			if added > 0 {
				x.suites = append(x.suites, inventory.Suite{Path: casePath, Line: t.line})
			}
		}
		if len(tests) > 0 {
			x.suites = append(x.suites, inventory.Suite{Path: suitePath, Line: c.line})
		}
	}
}

func (x *extraction) isTestMethod(m *method, inf methodInfo) bool {
	if strings.HasPrefix(m.name, "test") {
		return true
	}
	for _, a := range inf.attrs {
		if a.name == "Test" {
			return true
		}
	}
	return inf.doc != "" && reTestTag.MatchString(inf.doc)
}

// providersOf returns the data provider names of a test (@dataProvider,
// #[DataProvider]), as written.
func providersOf(inf methodInfo, src []byte) []string {
	var providers []string
	if inf.doc != "" {
		for _, p := range reProviderTag.FindAllStringSubmatch(inf.doc, -1) {
			providers = append(providers, p[1])
		}
	}
	for _, a := range inf.attrs {
		if a.name == "DataProvider" && len(a.args) > 0 {
			if s, ok := phpString(a.args[0], src); ok {
				providers = append(providers, s)
			}
		}
	}
	return providers
}

// writtenDataSets returns the cases of #[TestWith] and @testWith of one test
// (Name, Line and Status set).
func (x *extraction) writtenDataSets(m *method, inf methodInfo, status inventory.TestStatus) []inventory.Test {
	var out []inventory.Test
	add := func(name string, line int) {
		if len(out) < MaxCases {
			out = append(out, inventory.Test{Name: name, Line: line, Status: status, Kind: inventory.KindCase})
		}
	}
	testWith := 0
	for _, a := range inf.attrs {
		switch a.name {
		case "TestWith", "TestWithJson":
			if len(a.args) > 1 {
				if s, ok := phpString(a.args[1], x.src); ok {
					add(`with data set "`+s+`"`, ts.Line(a.node))
					testWith++
					continue
				}
			}
			add("with data set #"+strconv.Itoa(testWith), ts.Line(a.node))
			testWith++
		}
	}
	if inf.doc != "" {
		if i := strings.Index(inf.doc, "@testWith"); i >= 0 {
			// The rows are in the doc comment, above the test: they are
			// reported on the test's line, after it.
			line := ts.Line(m.node)
			for k, l := range strings.Split(inf.doc[i+len("@testWith"):], "\n") {
				l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "*"))
				if k == 0 && l == "" {
					continue
				}
				if !strings.HasPrefix(l, "[") {
					break
				}
				add("with data set #"+strconv.Itoa(testWith), line)
				testWith++
			}
		}
	}
	return out
}

// providerDataSets returns the data sets of a test's providers, run on
// class c, merged as PHPUnit merges them (array_merge): every integer key
// renumbered from 0 across the providers, a string key kept once. Nil when
// a provider's data sets are not visible. A provider named with a class
// (`\Tests\FooTest::rows`) is read when that class is one of the file's.
func (x *extraction) providerDataSets(c *class, providers []string, status inventory.TestStatus) []inventory.Test {
	var out []inventory.Test
	seen := map[string]bool{}
	next := 0
	for _, p := range providers {
		owner := c
		if class, method, ok := strings.Cut(p, "::"); ok {
			owner, p = x.classNamed(strings.TrimPrefix(strings.TrimSpace(class), `\`)), strings.TrimSpace(method)
			if owner == nil {
				continue // another file's class: not visible here
			}
		}
		pm := owner.byName[strings.ToLower(p)]
		if pm == nil {
			continue
		}
		for _, k := range x.providerKeys(x.info(pm).body) {
			name := k.name
			if k.integer {
				name = "with data set #" + strconv.Itoa(next)
				next++
			} else if seen[name] {
				continue
			}
			seen[name] = true
			if len(out) < MaxCases {
				out = append(out, inventory.Test{Name: name, Line: k.line, Status: status, Kind: inventory.KindCase})
			}
		}
	}
	return out
}

// classNamed returns the class of this file whose fully qualified name is
// fqcn (no leading backslash; PHPUnit does not resolve a provider's class
// name against the file's namespace or imports), or nil.
func (x *extraction) classNamed(fqcn string) *class {
	for _, c := range x.classes {
		if strings.EqualFold(x.resolve(c.name, c.start), fqcn) {
			return c
		}
	}
	return nil
}

// dataKey is one data set of a provider. An integer key's data set is
// renumbered when the providers' data are merged.
type dataKey struct {
	name    string
	line    int
	integer bool
}

// providerKeys reads the data set names of a provider whose body returns a
// literal array or yields at its top level; nil when they are not visible.
func (x *extraction) providerKeys(body *sitter.Node) []dataKey {
	if body == nil {
		return nil
	}
	var keys keySet
	yielded := false
	for i := 0; i < int(body.NamedChildCount()); i++ {
		s := body.NamedChild(i)
		switch s.Type() {
		case "return_statement":
			if yielded {
				return keys.list
			}
			if s.NamedChildCount() == 0 || s.NamedChild(0).Type() != "array_creation_expression" {
				return nil
			}
			arr := s.NamedChild(0)
			for j := 0; j < int(arr.NamedChildCount()); j++ {
				el := arr.NamedChild(j)
				if el.Type() == "comment" {
					continue
				}
				if el.Type() != "array_element_initializer" || !keys.add(el, x.src) {
					return nil
				}
			}
			return keys.list
		case "expression_statement":
			if s.NamedChildCount() > 0 && s.NamedChild(0).Type() == "yield_expression" {
				y := s.NamedChild(0)
				if strings.HasPrefix(strings.TrimSpace(strings.TrimPrefix(ts.Text(y, x.src), "yield")), "from") {
					return nil
				}
				if y.NamedChildCount() == 0 {
					return nil
				}
				el := y.NamedChild(0)
				if el.Type() != "array_element_initializer" {
					if !keys.addAuto(ts.Line(y)) {
						return nil
					}
				} else if !keys.add(el, x.src) {
					return nil
				}
				yielded = true
				continue
			}
			if strings.Contains(ts.Text(s, x.src), "yield") {
				return nil
			}
		case "comment":
		default:
			// Loops or conditions around yields hide the data sets.
			if bytes.Contains(x.src[s.StartByte():s.EndByte()], []byte("yield")) {
				return nil
			}
		}
	}
	if yielded {
		return keys.list
	}
	return nil
}

// keySet assigns PHP array keys: explicit string and integer keys, and
// auto-increment keys after the largest integer key so far.
type keySet struct {
	list []dataKey
	next int
	seen map[string]bool
}

func (k *keySet) put(name string, line int, integer bool) bool {
	if k.seen == nil {
		k.seen = map[string]bool{}
	}
	if len(k.list) >= maxItems*16 {
		return false
	}
	if !k.seen[name] { // a repeated key overwrites the data set in place
		k.seen[name] = true
		k.list = append(k.list, dataKey{name: name, line: line, integer: integer})
	}
	return true
}

func (k *keySet) addAuto(line int) bool {
	n := k.next
	k.next++
	return k.put("with data set #"+strconv.Itoa(n), line, true)
}

// add reads one array element: key => value, or a value with an automatic
// key. A spread or a key that is not a literal makes the names unknowable.
func (k *keySet) add(el *sitter.Node, src []byte) bool {
	switch el.NamedChildCount() {
	case 1:
		if el.NamedChild(0).Type() == "variadic_unpacking" {
			return false
		}
		return k.addAuto(ts.Line(el))
	case 2:
		key := el.NamedChild(0)
		if key.Type() == "integer" {
			n, err := strconv.ParseInt(ts.Text(key, src), 0, 64)
			if err != nil || n > 1<<40 || n < -(1<<40) {
				return false
			}
			if int(n) >= k.next {
				k.next = int(n) + 1
			}
			return k.put("with data set #"+strconv.Itoa(int(n)), ts.Line(el), true)
		}
		s, ok := phpString(key, src)
		if !ok {
			return false
		}
		if n, err := strconv.Atoi(s); err == nil && strconv.Itoa(n) == s {
			// PHP turns a decimal-integer string key into an integer key.
			if n >= k.next {
				k.next = n + 1
			}
			return k.put("with data set #"+s, ts.Line(el), true)
		}
		return k.put(`with data set "`+s+`"`, ts.Line(el), false)
	}
	return false
}
