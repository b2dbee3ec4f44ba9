package python

import (
	"bytes"
	"path"
	"slices"
	"strings"
)

// Test classes of helper modules that run only as bases.
//
// A module outside the runners' discovery patterns and the project's
// python_files — CPython's test/list_tests.py, a project's tests/base.py — is
// never collected itself: its test classes run only where a collected module
// puts them in its namespace, by name (`from .base import CommonTests`, `import *`), or as
// bases of the collected module's own classes, whose lists already carry the
// inherited tests (crossfile.go). A helper's class that collected modules
// only subclass (`class ListTest(list_tests.CommonTest)`) therefore never
// runs as itself, and listing its tests in the helper too would count each
// of them once more than any runner does. A class the collected modules
// never mention is kept: a helper may be loaded by other means
// (test_datetime imports datetimetester by name at run time), and a class
// handed to code (`test_both(lock_tests.RLockTests, …)`) may run as itself.
//
// The collected modules looked at are those under the topmost test or tests
// folder that holds the helper, where its users live.

// usesKey names the modUses summaries in a frontend.Tree, importsKey the
// cheaper importNames ones that decide whether a module needs a modUses.
const (
	usesKey    = "python.uses"
	importsKey = "python.imports"
)

// maxScopeModules bounds the collected modules read for one helper; beyond
// it every class is kept, as before.
const maxScopeModules = 5000

// modUses is what a collected module does with names it imports.
type modUses struct {
	imp imports // from, mods and star only
	// bases counts its classes' base expressions as written
	// ("list_tests.CommonTest"); refs counts every dotted name whose head an
	// import binds, class headers included.
	bases, refs map[string]int
}

func summarizeUses(src []byte) *modUses {
	code, _ := blank(src)
	u := &modUses{imp: imports{fromUT: map[string]string{}}, bases: map[string]int{}, refs: map[string]int{}}
	eachStatement(code, importKeywords, func(a, b int) {
		for _, stmt := range bytes.Split(src[a:b], []byte(";")) {
			u.imp.add(string(stmt))
		}
	})
	eachStatement(code, classKeyword, func(a, b int) {
		p := skipSpace(code, a+len("class"), b)
		for p < b && (isIdentPart(code[p]) || code[p] >= 0x80) {
			p++
		}
		if colon := topLevelColon(code, p, b); colon > 0 {
			if p = skipSpace(code, p, colon); p < colon && code[p] == '(' {
				for _, base := range splitBases(strings.TrimSpace(string(src[p:colon]))) {
					u.bases[base]++
				}
			}
		}
	})
	heads := map[string]bool{}
	for local := range u.imp.from {
		heads[local] = true
	}
	for local := range u.imp.mods {
		heads[local] = true
	}
	countDottedRefs(code, heads, u.refs)
	return u
}

var (
	importKeywords = [][]byte{[]byte("import "), []byte("from ")}
	classKeyword   = [][]byte{[]byte("class ")}
)

// eachStatement calls fn with the span of each statement of code whose first
// line starts, after its indentation, with one of keywords; a statement goes
// on past its line while a bracket is open or the line ends with a
// backslash. It reads lines, not Python's grammar: enough for imports and
// class headers, and several times cheaper than readSource.
func eachStatement(code []byte, keywords [][]byte, fn func(start, end int)) {
	start, depth, continued := -1, 0, false
	for at := 0; at < len(code); {
		end := len(code)
		if i := bytes.IndexByte(code[at:], '\n'); i >= 0 {
			end = at + i
		}
		line := code[at:end]
		if start < 0 {
			t := bytes.TrimLeft(line, " \t")
			if slices.ContainsFunc(keywords, func(k []byte) bool { return bytes.HasPrefix(t, k) }) {
				start = at + len(line) - len(t)
			}
		}
		if start >= 0 {
			depth = max(depth+bytes.Count(line, []byte("("))+bytes.Count(line, []byte("["))-
				bytes.Count(line, []byte(")"))-bytes.Count(line, []byte("]")), 0)
			continued = bytes.HasSuffix(bytes.TrimRight(line, " \t\r"), []byte("\\"))
			if depth == 0 && !continued || end == len(code) {
				fn(start, end)
				start, depth = -1, 0
			}
		}
		at = end + 1
	}
}

// importNames returns the identifiers of a module's import statements
// (`from test import list_tests`: from, test, import, list_tests), read
// without blanking strings: the question it answers, whether the module can
// import a given helper at all, is asked of every collected module of a
// folder, and most answer no.
func importNames(src []byte) map[string]bool {
	names := map[string]bool{}
	eachStatement(src, importKeywords, func(a, b int) {
		for i := a; i < b; {
			if !isIdentPart(src[i]) {
				i++
				continue
			}
			j := i
			for j < b && isIdentPart(src[j]) {
				j++
			}
			names[string(src[i:j])] = true
			i = j
		}
	})
	return names
}

// countDottedRefs adds to refs each dotted name in code (strings and
// comments blanked) whose head is in heads, whole: `a.B.c` counts `a.B.c`,
// not `a.B`, since a class's attribute is not the class (test_bytes'
// `test_x = test.list_tests.CommonTest.test_x` binds one test, not the
// class).
func countDottedRefs(code []byte, heads map[string]bool, refs map[string]int) {
	identEnd := func(i int) int {
		for i < len(code) && isIdentPart(code[i]) {
			i++
		}
		return i
	}
	for i := 0; i < len(code); {
		if !isIdentPart(code[i]) || code[i] >= '0' && code[i] <= '9' {
			i++
			continue
		}
		end := identEnd(i)
		if i > 0 && code[i-1] == '.' || !heads[string(code[i:end])] {
			i = end
			continue
		}
		head := end
		for end+1 < len(code) && code[end] == '.' && isIdentPart(code[end+1]) {
			end = identEnd(end + 1)
		}
		if end > head {
			refs[string(code[i:end])]++
		}
		i = end
	}
}

// collectedName reports whether unittest's or pytest's default discovery
// imports a module of this file name (test*.py, *_test.py), the common
// custom pattern *test.py does, or one of the project's python_files globs.
func collectedName(relPath string, pythonFiles []string) bool {
	base := path.Base(relPath)
	stem := strings.TrimSuffix(base, ".py")
	if strings.HasPrefix(stem, "test") || strings.HasSuffix(stem, "test") {
		return true
	}
	for _, glob := range pythonFiles {
		if ok, _ := path.Match(glob, base); ok {
			return true
		}
	}
	return false
}

// helperScope is the topmost test or tests folder above a helper module,
// or "" when there is none.
func helperScope(relPath string) string {
	scope := ""
	for d := path.Dir(relPath); d != "." && d != "/"; d = path.Dir(d) {
		if b := path.Base(d); b == "test" || b == "tests" {
			scope = d
		}
	}
	return scope
}

// baseOnly is a helper's class that runs only as a base: keep names the
// test methods that collected modules bind one by one
// (`test_x = list_tests.CommonTest.test_x`), which run, and are listed, as
// the class's own.
type baseOnly struct{ keep map[string]bool }

// onlyBase reports whether the module-level class name of a helper module
// runs only as a base of collected modules' classes, and which of its test
// methods are bound on their own. The answer for every class is computed
// once per module.
func (c *collector) onlyBase(name string) (baseOnly, bool) {
	if c.tree == nil || collectedName(c.path, c.m.pythonFiles) {
		return baseOnly{}, false
	}
	if c.onlyBases == nil {
		c.onlyBases = c.classesOnlyBases()
	}
	b, ok := c.onlyBases[name]
	return b, ok
}

// classesOnlyBases reads the collected modules of the helper's scope.
func (c *collector) classesOnlyBases() map[string]baseOnly {
	out := map[string]baseOnly{}
	keep := map[string]map[string]bool{} // class → methods bound by name
	scope := helperScope(c.path)
	if scope == "" {
		return out
	}
	stem := strings.TrimSuffix(path.Base(c.path), ".py")
	subclassed, bound := map[string]bool{}, map[string]bool{}
	imported := false // a collected module imports the helper by its name
	isHelper := func(module, from string) bool {
		s, ok := c.module(from, module)
		return ok && s.path == c.path
	}
	for _, m := range c.collectedModules(scope) {
		if v, ok := c.tree.Summarize(m, importsKey, func(src []byte) any { return importNames(src) }); !ok || !v.(map[string]bool)[stem] {
			continue
		}
		v, ok := c.tree.Summarize(m, usesKey, func(src []byte) any { return summarizeUses(src) })
		u, _ := v.(*modUses)
		if !ok || u == nil {
			continue
		}
		for _, mod := range u.imp.star {
			if isHelper(mod, m) {
				return out // every class is bound by name there
			}
		}
		for _, f := range u.imp.from {
			if _, isClass := c.classes[f.name]; isClass && isHelper(f.module, m) {
				bound[f.name], imported = true, true
			}
		}
		for ref, n := range u.refs {
			head, rest, _ := strings.Cut(ref, ".")
			module, name := "", rest
			if i := strings.LastIndexByte(rest, '.'); i >= 0 {
				module, name = rest[:i], rest[i+1:]
			}
			method := ""
			if _, isClass := c.classes[name]; !isClass {
				// module.Class.method: one test of the class, bound by name.
				i := strings.LastIndexByte(module, '.')
				if _, isClass := c.classes[module[i+1:]]; !isClass || module == "" {
					continue
				}
				method, name = name, module[i+1:]
				module = module[:max(i, 0)]
			}
			base, ok := u.imp.mods[head]
			if f, isFrom := u.imp.from[head]; !ok && isFrom {
				base, ok = joinModule(f.module, f.name), true
			}
			if !ok {
				continue
			}
			if module != "" {
				base = joinModule(base, module)
			}
			if !isHelper(base, m) {
				continue
			}
			imported = true
			if method != "" {
				if keep[name] == nil {
					keep[name] = map[string]bool{}
				}
				keep[name][method] = true
				continue
			}
			if u.bases[ref] > 0 {
				subclassed[name] = true
			}
			if n > u.bases[ref] {
				bound[name] = true // handed to code, not only subclassed
			}
		}
	}
	for name := range subclassed {
		if !bound[name] {
			out[name] = baseOnly{keep[name]}
		}
	}
	if !imported {
		return out
	}
	// A class the collected modules never name, of a helper they do import,
	// runs only through the helper's own classes that derive from it
	// (mapping_tests' TestMappingProtocol under TestHashMappingProtocol),
	// which list its tests.
	for _, i := range c.topLevel {
		for _, b := range c.m.defs[i].bases {
			if _, local := c.classes[b]; local && !subclassed[b] && !bound[b] {
				out[b] = baseOnly{keep[b]}
			}
		}
	}
	return out
}

// collectedModules lists the files under scope that the runners' discovery
// imports, other than the helper itself; nil when there are more than
// maxScopeModules.
func (c *collector) collectedModules(scope string) []string {
	var out []string
	todo := []string{scope}
	for len(todo) > 0 {
		dir := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		files, _ := c.tree.Files(dir)
		for _, f := range files {
			p := path.Join(dir, f)
			if strings.HasSuffix(f, ".py") && p != c.path && collectedName(p, c.m.pythonFiles) {
				if out = append(out, p); len(out) > maxScopeModules {
					return nil
				}
			}
		}
		folders, _ := c.tree.Folders(dir)
		for _, f := range folders {
			todo = append(todo, path.Join(dir, f))
		}
	}
	return out
}
