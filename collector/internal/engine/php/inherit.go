package php

import (
	"bytes"
	"encoding/json"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// Inherited test methods.
//
// PHPUnit runs every public test method a concrete test class inherits, under
// that class (`ValidatorTest extends BaseValidatorTest`, where the abstract
// base holds the tests and the subclass only says which fixture to use). A
// concrete test class therefore lists the test methods of its bases that it
// does not override: bases of the same file, and bases of other files found
// as the autoloader would find them, through the scan's frontend.Tree:
//
//   - the base's name is resolved as PHP resolves it (fully qualified, an
//     imported name or alias from `use`, else the file's namespace);
//   - its file is found from the PSR-4 roots of the nearest composer.json
//     (autoload and autoload-dev), else from the file's own layout: a file
//     whose folders end with its namespace's last segments is a PSR-4 root
//     for that namespace (`tests/Integration/FooTest.php` in namespace
//     `Tests\Integration`: `Tests\Integration\Base` is
//     `tests/Integration/Base.php`, `Tests\Support\Base` is
//     `tests/Support/Base.php`).
//
// A base file is summarized once per scan into its classes (name, base,
// test methods with their statuses and literal data sets), never kept as
// text. Inherited tests from the same file keep their own line; from another
// file they are reported at the line of the subclass's `class` statement,
// since their code is elsewhere. Classes of PHPUnit itself are never read.
// Abstract classes keep their own tests where they are written and list no
// inherited ones.

// summaryKey and composerKey name this front end's summaries in a
// frontend.Tree.
const (
	summaryKey  = "php.classes"
	composerKey = "php.composer.psr4"
)

// maxBaseDepth bounds the base-class chains followed.
const maxBaseDepth = 8

// scope is what name resolution needs: the namespace in force at each
// position, and the imported class names (alias → fully qualified name).
type scope struct {
	namespaces []nsAt
	uses       map[string]string
}

type nsAt struct {
	at   int
	name string
}

// The statements are matched at the start of a line only. Each regexp runs
// anchored at a line that starts with its keyword (lineStarts): run over
// the whole file, (?m)^ made them a sixth of the front end's time.
var (
	reNamespace = regexp.MustCompile(`^namespace[ \t]+\\?([A-Za-z_][\w\\]*)[ \t\r\n]*[;{]`)
	reUse       = regexp.MustCompile(`^use[ \t]+\\?([A-Za-z_][\w\\]*)(?:[ \t]+as[ \t]+([A-Za-z_]\w*))?[ \t]*;`)
)

// lineStarts calls fn with the offset of each line's first character after
// its indentation (the characters in indent), where that line starts with
// keyword.
func lineStarts(src []byte, keyword, indent string, fn func(at int)) {
	for at := 0; at < len(src); {
		for at < len(src) && strings.IndexByte(indent, src[at]) >= 0 {
			at++
		}
		if bytes.HasPrefix(src[at:], []byte(keyword)) {
			fn(at)
		}
		next := bytes.IndexByte(src[at:], '\n')
		if next < 0 {
			return
		}
		at += next + 1
	}
}

// atLineStart reports whether re, anchored, matches at a line's first
// character after whitespace (as (?m)^\s* would), where keyword starts.
func atLineStart(src []byte, keyword string, re *regexp.Regexp) bool {
	found := false
	lineStarts(src, keyword, " \t\f\r", func(at int) { found = found || re.Match(src[at:]) })
	return found
}

// afterWord reports whether re, anchored, matches where word starts after a
// non-word character (as \bword would).
func afterWord(src []byte, word string, re *regexp.Regexp) bool {
	for at := 0; ; {
		i := bytes.Index(src[at:], []byte(word))
		if i < 0 {
			return false
		}
		at += i
		if (at == 0 || !isWordByte(src[at-1])) && re.Match(src[at:]) {
			return true
		}
		at += len(word)
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// readScope reads namespaces and top-level `use` imports (a `use` inside a
// class body imports a trait and is not read).
func (x *extraction) readScope() *scope {
	if x.scope != nil {
		return x.scope
	}
	s := &scope{uses: map[string]string{}}
	lineStarts(x.src, "namespace", " \t", func(at int) {
		if m := reNamespace.FindSubmatchIndex(x.src[at:]); m != nil {
			s.namespaces = append(s.namespaces, nsAt{at: at, name: string(x.src[at+m[2] : at+m[3]])})
		}
	})
	lineStarts(x.src, "use", " \t", func(at int) {
		m := reUse.FindSubmatchIndex(x.src[at:])
		if m == nil || x.inClass(at) {
			return
		}
		full := string(x.src[at+m[2] : at+m[3]])
		alias := full[strings.LastIndexByte(full, '\\')+1:]
		if m[4] >= 0 {
			alias = string(x.src[at+m[4] : at+m[5]])
		}
		s.uses[strings.ToLower(alias)] = full
	})
	x.scope = s
	return s
}

func (x *extraction) inClass(at int) bool {
	i := sort.Search(len(x.classes), func(i int) bool { return x.classes[i].start > at }) - 1
	return i >= 0 && at < x.classes[i].end
}

// namespaceAt is the namespace in force at a byte offset.
func (s *scope) namespaceAt(at int) string {
	ns := ""
	for _, n := range s.namespaces {
		if n.at > at {
			break
		}
		ns = n.name
	}
	return ns
}

// resolve turns a class name as written at offset at into a fully qualified
// name (without the leading backslash).
func (x *extraction) resolve(name string, at int) string {
	name = strings.TrimSpace(name)
	if name == "" {
		return ""
	}
	if strings.HasPrefix(name, `\`) {
		return name[1:]
	}
	s := x.readScope()
	first, rest, qualified := strings.Cut(name, `\`)
	if strings.EqualFold(first, "namespace") && qualified {
		return join(s.namespaceAt(at), rest)
	}
	if full, ok := s.uses[strings.ToLower(first)]; ok {
		if qualified {
			return full + `\` + rest
		}
		return full
	}
	return join(s.namespaceAt(at), name)
}

func join(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + `\` + name
}

// fileSummary is what a file contributes to test classes of other files.
type fileSummary struct {
	classes map[string]*classSummary // by fully qualified name, lower case
}

// classSummary is one class of a summarized file.
type classSummary struct {
	base     string          // fully qualified, resolved in its own file
	testCase bool            // extends a *TestCase class
	methods  map[string]bool // every method, lower case: each hides a base's
	tests    []classTest
}

// summary reads the file's classes, for test classes of other files.
func (x *extraction) summary() *fileSummary {
	s := &fileSummary{classes: map[string]*classSummary{}}
	for _, c := range x.classes {
		s.classes[strings.ToLower(x.resolve(c.name, c.start))] = x.classSummary(c)
	}
	return s
}

// classSummary reads one class: its resolved base, its methods and its own
// tests.
func (x *extraction) classSummary(c *class) *classSummary {
	cs := &classSummary{methods: map[string]bool{}}
	if c.base != "" {
		cs.base = x.resolve(c.base, c.start)
	}
	for name := range c.byName {
		cs.methods[name] = true
	}
	x.isTestClass(c) // sets testCaseBase
	cs.testCase = c.testCaseBase
	cs.tests = x.ownTests(c)
	return cs
}

// localClass finds a class of this file by its fully qualified name.
func (x *extraction) localClass(fqcn string) *classSummary {
	for _, c := range x.classes {
		if strings.EqualFold(x.resolve(c.name, c.start), fqcn) {
			return x.classSummary(c)
		}
	}
	return nil
}

// summarizeFile parses another file into its summary, by the same rules.
func summarizeFile(relPath string, content []byte) any {
	s := &fileSummary{classes: map[string]*classSummary{}}
	if !strings.Contains(string(content), "class") {
		return s
	}
	tree, err := grammar.Parse(content)
	if err != nil {
		return s
	}
	defer tree.Close()
	x := &extraction{src: content, path: relPath}
	x.collect(tree.RootNode())
	return x.summary()
}

// inherited returns the test methods a concrete class c inherits and does
// not override, and whether its chain reaches a *TestCase class.
func (x *extraction) inherited(c *class) ([]classTest, bool) {
	if c.base == "" {
		return nil, false
	}
	hidden := map[string]bool{}
	for name := range c.byName {
		hidden[name] = true
	}
	var out []classTest
	testCase := c.testCaseBase
	base := x.resolve(c.base, c.start)
	for depth := 0; depth < maxBaseDepth && base != "" && !strings.HasPrefix(strings.ToLower(base), `phpunit\`); depth++ {
		cs, here := x.localClass(base), true
		if cs == nil {
			cs, here = x.remoteClass(base), false
		}
		if cs == nil {
			break
		}
		testCase = testCase || cs.testCase
		for _, t := range cs.tests {
			key := strings.ToLower(t.name)
			if hidden[key] {
				continue
			}
			hidden[key] = true
			if !here {
				// Its code is in another file: reported at the subclass.
				t.line = c.line
				cases := make([]inventory.Test, len(t.cases))
				for i, cs := range t.cases {
					cs.Line = c.line
					cases[i] = cs
				}
				t.cases = cases
			}
			if x.providesAll(c, t.providers) {
				x.rebinds = true
				// PHPUnit calls the providers on the class it runs: this
				// one's own (an abstract provider of the base, implemented
				// here) give the data sets.
				written := make([]inventory.Test, len(t.written))
				for i, cs := range t.written {
					if !here {
						cs.Line = c.line
					}
					written[i] = cs
				}
				t.cases = append(written, x.providerDataSets(c, t.providers, t.status)...)
			}
			out = append(out, t)
		}
		for m := range cs.methods {
			hidden[m] = true
		}
		base = cs.base
	}
	return out, testCase
}

// providesAll reports whether class c defines every one of providers,
// which are then read on c; a provider named with its class is never
// rebound.
func (x *extraction) providesAll(c *class, providers []string) bool {
	for _, p := range providers {
		if strings.Contains(p, "::") || c.byName[strings.ToLower(p)] == nil {
			return false
		}
	}
	return len(providers) > 0
}

// remoteClass finds a class of another file of the checkout.
func (x *extraction) remoteClass(fqcn string) *classSummary {
	if x.tree == nil {
		return nil
	}
	for _, p := range x.candidates(fqcn) {
		if p == x.path {
			continue
		}
		v, ok := x.tree.Summarize(p, summaryKey, func(content []byte) any { return summarizeFile(p, content) })
		if !ok {
			continue
		}
		if cs := v.(*fileSummary).classes[strings.ToLower(fqcn)]; cs != nil {
			return cs
		}
	}
	return nil
}

// candidates lists the files that may define fqcn: from the nearest
// composer.json's PSR-4 roots, then from this file's own layout.
func (x *extraction) candidates(fqcn string) []string {
	var out []string
	dir := path.Dir(x.path)
	for d := dir; ; d = path.Dir(d) {
		p := "composer.json"
		if d != "." && d != "/" {
			p = d + "/composer.json"
		}
		v, ok := x.tree.Summarize(p, composerKey, func(content []byte) any { return psr4Roots(content) })
		if ok {
			for _, r := range v.([]psr4Root) {
				if rest, ok := cutPrefixFold(fqcn, r.prefix); ok {
					out = append(out, path.Clean(path.Join(d, r.dir, strings.ReplaceAll(rest, `\`, "/")+".php")))
				}
			}
			break // the nearest composer.json decides
		}
		if d == "." || d == "/" {
			break
		}
	}
	// The file's own layout: its folders end with its namespace's last k
	// segments, so the namespace's first segments are rooted k folders up.
	ns := strings.Split(x.readScope().namespaceAt(len(x.src)), `\`)
	dirs := strings.Split(dir, "/")
	if dir == "." {
		dirs = nil
	}
	k := 0
	for k < len(ns) && k < len(dirs) && strings.EqualFold(ns[len(ns)-1-k], dirs[len(dirs)-1-k]) {
		k++
	}
	for j := 0; j <= k; j++ { // the deepest root first: its folders are spelt as on disk
		prefix := strings.Join(ns[:len(ns)-j], `\`)
		rest, ok := cutPrefixFold(fqcn, prefix+`\`)
		if prefix == "" {
			rest, ok = fqcn, true
		}
		if !ok {
			continue
		}
		root := path.Join(append([]string{"."}, dirs[:len(dirs)-j]...)...)
		out = append(out, path.Clean(path.Join(root, strings.ReplaceAll(rest, `\`, "/")+".php")))
		break
	}
	return out
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return "", false
	}
	return s[len(prefix):], true
}

// psr4Root is one PSR-4 mapping of a composer.json: namespace prefix (with
// its trailing backslash) → folder relative to the composer.json.
type psr4Root struct {
	prefix, dir string
}

// psr4Roots reads the autoload and autoload-dev PSR-4 roots, longest
// prefix first.
func psr4Roots(content []byte) any {
	var c struct {
		Autoload struct {
			PSR4 map[string]json.RawMessage `json:"psr-4"`
		} `json:"autoload"`
		AutoloadDev struct {
			PSR4 map[string]json.RawMessage `json:"psr-4"`
		} `json:"autoload-dev"`
	}
	var out []psr4Root
	if json.Unmarshal(content, &c) != nil {
		return out
	}
	for _, m := range []map[string]json.RawMessage{c.Autoload.PSR4, c.AutoloadDev.PSR4} {
		for prefix, raw := range m {
			var dirs []string
			var one string
			if json.Unmarshal(raw, &one) == nil {
				dirs = []string{one}
			} else if json.Unmarshal(raw, &dirs) != nil {
				continue
			}
			for _, d := range dirs {
				out = append(out, psr4Root{prefix: strings.TrimPrefix(prefix, `\`), dir: d})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].prefix) > len(out[j].prefix) })
	return out
}
