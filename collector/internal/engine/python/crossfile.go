package python

import (
	"bytes"
	"path"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// Base classes from other modules.
//
// A test class may inherit its test methods from a class another module of
// the repository defines (`from .base import CommonTests`, `import
// pickletester` … `pickletester.AbstractPickleTests`). Extract resolves such
// a base through the scan's frontend.Tree: the module's path is found from
// the import (relative to the importing file, or absolute and tried from each
// folder above it, also without its leading packages, since a checkout may
// be a package's own folder), and the module is summarized once per scan
// into its classes — bases, marks, whether it derives TestCase, and each
// method's name, status and parametrized cases — never kept as text. The
// summary of a module is computed by the same rules as Extract, in that
// module's own context (its imports, mark aliases, constants). Re-exports
// (`from .base import X` in a package's __init__.py) and `import *` are
// followed, up to maxLinkDepth modules deep.
//
// Inherited test methods are reported under the subclass at the line of the
// subclass's `class` statement, since their code is in another file, with
// their own statuses and cases; parametrize marks of the subclass are not
// multiplied into them.

// summaryKey names the Python module summaries in a frontend.Tree.
const summaryKey = "python.module"

// maxLinkDepth bounds the base-class chains and re-exports followed across
// modules.
const maxLinkDepth = 16

// unresolvedRoots are modules whose classes are never test bases of the
// repository: the frameworks and the typing helpers.
var unresolvedRoots = map[string]bool{"unittest": true, "pytest": true, "_pytest": true, "abc": true, "typing": true, "builtins": true, "object": true}

// modSummary is what a module contributes to classes of other modules.
type modSummary struct {
	path    string
	imp     imports // from, mods and star only
	classes map[string]*classSummary
}

// classSummary is one module-level class of a summarized module.
type classSummary struct {
	name     string
	bases    []string
	testCase bool                 // derives TestCase through its own module
	status   inventory.TestStatus // its decorators and pytestmark
	methods  []methodSummary      // direct methods, the last definition of each name
}

// methodSummary is one method of a summarized class. Every method is kept,
// test or not, because a method shadows those of the same name in later
// bases.
type methodSummary struct {
	name   string
	test   bool
	status inventory.TestStatus // from its own marks; "" for none
	cases  []inventory.Test     // its parametrized cases (Name, Status)
}

// remoteClass is a class of another module, with its module.
type remoteClass struct {
	mod *modSummary
	cls *classSummary
}

// baseClass is one class in a test class's method resolution order: a
// class of this file (local, a def index) or of another module (remote).
type baseClass struct {
	local  int
	remote remoteClass
}

// mayInherit reports whether a file without test functions may still hold
// test classes whose methods are inherited: it has a class and names
// something Test, a …Case base, or a class named …_test (passlib's
// class _scrypt_test(HandlerCase), whose file defines no test itself).
func mayInherit(src []byte) bool {
	return bytes.Contains(src, []byte("class ")) &&
		(bytes.Contains(src, []byte("Test")) || bytes.Contains(src, []byte("Case")) || bytes.Contains(src, []byte("_test")))
}

// summarize reads one module into its summary. It runs the same collector
// as Extract, without a tree: it never reads other files.
func summarize(relPath string, src []byte) *modSummary {
	s := &modSummary{path: relPath, classes: map[string]*classSummary{}}
	if !bytes.Contains(src, []byte("class")) && !bytes.Contains(src, []byte("import")) {
		return s
	}
	m, _ := readSource(src)
	s.imp = imports{from: m.imp.from, mods: m.imp.mods, star: m.imp.star}
	c := newCollector(m, nil, relPath)
	for _, i := range c.topLevel {
		d := &m.defs[i]
		if !d.class {
			continue
		}
		cs := &classSummary{name: d.name, bases: d.bases, testCase: c.isTestCase(i, 0)}
		cs.status, _ = c.classMarks(i)
		for _, ch := range c.children[i] {
			cd := &m.defs[ch]
			ms := methodSummary{name: cd.name}
			if !cd.class && strings.HasPrefix(cd.name, "test") {
				tests, suites := len(c.res.tests), len(c.res.suites)
				if c.addTest(ch, nil, "", nil, true) {
					ms.test = true
					if st := c.res.tests[tests].Status; st != inventory.TestActive {
						ms.status = st
					}
					for _, t := range c.res.tests[tests+1:] {
						ms.cases = append(ms.cases, inventory.Test{Name: t.Name, Status: t.Status})
					}
				}
				c.res.tests, c.res.suites = c.res.tests[:tests], c.res.suites[:suites]
			}
			cs.methods = append(cs.methods, ms)
		}
		if len(cs.methods) > 0 || len(cs.bases) > 0 {
			s.classes[d.name] = cs
		}
	}
	return s
}

// module returns the summary of the module a (possibly relative) import
// names, seen from the file at from.
func (c *collector) module(from, module string) (*modSummary, bool) {
	if c.tree == nil || module == "" {
		return nil, false
	}
	try := func(p string) (*modSummary, bool) {
		p = path.Clean(p)
		if p == from {
			return nil, false
		}
		v, ok := c.tree.Summarize(p, summaryKey, func(src []byte) any { return summarize(p, src) })
		if !ok {
			return nil, false
		}
		s, ok := v.(*modSummary)
		return s, ok
	}
	dir := path.Dir(from)
	if rest, ok := strings.CutPrefix(module, "."); ok {
		for strings.HasPrefix(rest, ".") {
			if dir == "." {
				return nil, false
			}
			dir, rest = path.Dir(dir), rest[1:]
		}
		sub := path.Join(dir, strings.ReplaceAll(rest, ".", "/"))
		if rest != "" {
			if s, ok := try(sub + ".py"); ok {
				return s, true
			}
		}
		return try(sub + "/__init__.py")
	}
	root, _, _ := strings.Cut(module, ".")
	if unresolvedRoots[root] {
		return nil, false
	}
	parts := strings.Split(module, ".")
	for k := range parts {
		sub := strings.Join(parts[k:], "/")
		for d := dir; ; d = path.Dir(d) {
			if s, ok := try(path.Join(d, sub+".py")); ok {
				return s, true
			}
			if s, ok := try(path.Join(d, sub, "__init__.py")); ok {
				return s, true
			}
			if d == "." {
				break
			}
		}
	}
	return nil, false
}

// lookupBase resolves a base-class expression written in the module at from
// (whose imports are imp) to a class of another module.
func (c *collector) lookupBase(imp *imports, from, base string, depth int) (remoteClass, bool) {
	if c.tree == nil || depth > maxLinkDepth {
		return remoteClass{}, false
	}
	head, rest, dotted := strings.Cut(base, ".")
	if !dotted {
		if f, ok := imp.from[base]; ok {
			return c.findClass(from, f.module, f.name, depth+1)
		}
		for _, m := range imp.star {
			if rc, ok := c.findClass(from, m, base, depth+1); ok {
				return rc, true
			}
		}
		return remoteClass{}, false
	}
	var module string
	if m, ok := imp.mods[head]; ok {
		module = m
	} else if f, ok := imp.from[head]; ok {
		module = joinModule(f.module, f.name) // from pkg import mod; mod.Base
	} else {
		return remoteClass{}, false
	}
	if i := strings.LastIndexByte(rest, '.'); i >= 0 {
		module, rest = joinModule(module, rest[:i]), rest[i+1:]
	}
	return c.findClass(from, module, rest, depth+1)
}

// findClass finds class name in module (imported from the file at from),
// following re-exports and `import *`.
func (c *collector) findClass(from, module, name string, depth int) (remoteClass, bool) {
	if depth > maxLinkDepth {
		return remoteClass{}, false
	}
	s, ok := c.module(from, module)
	if !ok {
		return remoteClass{}, false
	}
	if cls, ok := s.classes[name]; ok {
		return remoteClass{s, cls}, true
	}
	if f, ok := s.imp.from[name]; ok {
		return c.findClass(s.path, f.module, f.name, depth+1)
	}
	for _, m := range s.imp.star {
		if rc, ok := c.findClass(s.path, m, name, depth+1); ok {
			return rc, true
		}
	}
	return remoteClass{}, false
}

func joinModule(module, name string) string {
	if strings.HasSuffix(module, ".") {
		return module + name
	}
	return module + "." + name
}

// remoteBases resolves the bases of a class of another module, in that
// module's context.
func (c *collector) remoteBases(rc remoteClass, depth int) []remoteClass {
	var out []remoteClass
	for _, b := range rc.cls.bases {
		if cls, ok := rc.mod.classes[b]; ok && cls != rc.cls {
			out = append(out, remoteClass{rc.mod, cls})
		} else if r, ok := c.lookupBase(&rc.mod.imp, rc.mod.path, b, depth); ok {
			out = append(out, r)
		}
	}
	return out
}

// remoteTestCase reports whether a class of another module derives
// unittest's TestCase, there or through its own bases.
func (c *collector) remoteTestCase(rc remoteClass, depth int) bool {
	if rc.cls.testCase {
		return true
	}
	if depth > maxLinkDepth {
		return false
	}
	for _, b := range c.remoteBases(rc, depth+1) {
		if c.remoteTestCase(b, depth+1) {
			return true
		}
	}
	return false
}

// mro returns the classes the class derives from, of this file and of
// other modules, in method resolution order (depth first, which is exact
// for the usual single or mixin inheritance).
func (c *collector) mro(i int) []baseClass {
	var out []baseClass
	seenLocal := map[int]bool{i: true}
	seenRemote := map[*classSummary]bool{}
	var visitRemote func(rc remoteClass, depth int)
	visitRemote = func(rc remoteClass, depth int) {
		if depth > maxLinkDepth || seenRemote[rc.cls] {
			return
		}
		seenRemote[rc.cls] = true
		out = append(out, baseClass{local: -1, remote: rc})
		for _, b := range c.remoteBases(rc, depth) {
			visitRemote(b, depth+1)
		}
	}
	var visit func(k, depth int)
	visit = func(k, depth int) {
		if depth > maxLinkDepth {
			return
		}
		for _, b := range c.m.defs[k].bases {
			if j, ok := c.classes[b]; ok {
				if !seenLocal[j] {
					seenLocal[j] = true
					out = append(out, baseClass{local: j})
					visit(j, depth+1)
				}
				continue
			}
			if rc, ok := c.lookupBase(&c.m.imp, c.path, b, depth); ok {
				visitRemote(rc, depth+1)
			}
		}
	}
	visit(i, 0)
	return out
}

// addInherited adds a test method inherited from a class of another
// module, at the line of the subclass, with its cases when parametrize.
func (c *collector) addInherited(ms *methodSummary, path []string, line int, status inventory.TestStatus, parametrize bool) {
	status = stronger(status, ms.status)
	suitePath, status := c.addDeclared(path, ms.name, line, status)
	if !parametrize || len(ms.cases) == 0 || c.cases+len(ms.cases) > MaxCases {
		return
	}
	c.cases += len(ms.cases)
	casePath := append(append([]string{}, suitePath...), ms.name)
	c.res.suites = append(c.res.suites, inventory.Suite{Path: casePath, Line: line})
	for _, t := range ms.cases {
		c.res.tests = append(c.res.tests, inventory.Test{SuitePath: casePath, Name: t.Name, Line: line, Status: stronger(status, t.Status), Kind: inventory.KindCase})
	}
}
