package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// Go subtests: what `go test` actually runs below the top-level tests
// against the inventory's cases (kind=case: t.Run with a literal name,
// table-driven t.Run over a literal table, testify suite methods under
// their runner). `go test -list` does not list subtests, so the tests are
// run:
//
//	go run ./cmd/accuracy go-subtests DIR [PKG_PATTERN ...]   # default ./...
//
// PKG_PATTERN arguments that start with "-" are passed to go test as flags
// (-skip=TestX to leave out a test that aborts its package here). The tests
// run with this process's rights: as root, a module's test may change the
// machine (gin's TestSaveUploadedCreateFailed chmods / to 0750, after which
// no other user can run a program): run it unprivileged, or skip such tests.
//
// In DIR, `go test -json -count=1 -short -timeout 20m PKG...` (GOFLAGS
// applies, build tags included); every "run" event of a test named
// "TestX/…" is a subtest. The inventory's cases are named as go test names
// them: the suite path and name joined by "/", each element rewritten as
// package testing's rewrite() does (white space to "_", non-printable runes
// escaped); "#NN" suffixes, which go test adds to a repeated name, match a
// name the inventory declares as many times (a table with duplicate rows).
// Subtests hang off the top-level test of the same package directory.
//
// Three groups:
//   - tests the inventory expands (it has cases under them): each run
//     subtest is matched by full name or missing; each case never run is an
//     extra, with why, when the run tells: the file is not compiled here
//     (go list's TestGoFiles/XTestGoFiles), the test or an ancestor subtest
//     skipped (the skip message says whether -short did it), failed, did not
//     run (package did not build or aborted), or ran and passed without it;
//   - tests that ran subtests but have no case in the inventory ("not
//     expanded"): counted apart, by the shape of the t.Run calls in the test
//     function's body (a computed name, a table the engine cannot read, a
//     helper), with examples. Fuzz targets' seed corpus runs as subtests too;
//   - cases under benchmarks and fuzz targets are not compared (-bench is
//     not given; fuzz targets have no Run).
//
// A missing subtest whose parent is itself missing is counted under its own
// cause ("below a missing subtest"); one directly below a known parent says
// whether its name is a string literal of the package's test files (the
// engine could have read it: a likely gap) or not (computed at run time).
// Top-level tests are the `go` mode's business and are not counted here.
//
// Limits: what runs depends on this machine (GOOS, -short, the network, the
// environment), so extras that a skip or a build constraint explains are
// reported apart from the rest; a subtest's name only shows where its
// runtime parent is: a "/" inside a t.Run name is found by matching, never
// by splitting. ACCURACY_DETAILS=FILE writes every difference.

func init() {
	register("go-subtests", "DIR [PKG_PATTERN | -GO_TEST_FLAG ...]", 1, -1, func(args []string) error { return runGoSubtests(args[0], args[1:]) })
}

// goTestEvent is one line of `go test -json` (cmd/test2json's TestEvent).
type goTestEvent struct {
	Action      string
	Package     string
	Test        string
	Output      string
	FailedBuild string
}

// goRunTest is one test or subtest the run reported.
type goRunTest struct {
	result string // pass, fail, skip; "" when it never finished
	output []string
}

// goRunPackage is what one package's run reported.
type goRunPackage struct {
	result      string // pass, fail, skip
	failedBuild bool
	tests       map[string]*goRunTest // full names, top-level and subtests
	order       []string              // subtests, in the order run
}

// goPkgFiles is one package as go list sees it: its directory (relative
// to the root) and the test files the go tool compiles.
type goPkgFiles struct {
	dir   string
	built map[string]bool // base names
}

func runGoSubtests(dir string, patterns []string) error {
	root, collector, err := locate(dir)
	if err != nil {
		return err
	}
	// Arguments that start with "-" are go test's flags (-skip, -run).
	var flags []string
	patterns = slices.DeleteFunc(slices.Clone(patterns), func(a string) bool {
		if strings.HasPrefix(a, "-") {
			flags = append(flags, a)
			return true
		}
		return false
	})
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	pkgs, err := goListTestFiles(root, patterns)
	if err != nil {
		return err
	}
	run, stderr, err := goTestJSON(root, append(flags, patterns...))
	if err != nil {
		return err
	}
	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	cmp := newSubtestComparison(root, pkgs, run, doc)
	cmp.compare()

	fmt.Printf("## go-subtests: %s\n\n", root)
	fmt.Printf("`go test -json -count=1 -short -timeout 20m %s`: %d packages ran (%d did not build, %d failed or aborted), "+
		"%d subtests under %d top-level tests; inventory: %s.\n\n",
		strings.Join(append(flags, patterns...), " "), len(run), cmp.buildFailed, cmp.failed, cmp.subtests, cmp.testsWithSubtests, took.Round(1e6))
	if stderr != "" && cmp.buildFailed > 0 {
		fmt.Printf("go test's stderr (first lines): `%s`\n\n", firstLines(stderr, 3))
	}
	r := &cmp.report
	fmt.Println("| measure | runner | matched | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	fmt.Printf("| subtests of the %d tests the inventory expands | %d | %d | %d | %d | %.2f %% |\n\n", cmp.expanded, r.runner, r.found, r.missing, r.extra,
		100*float64(r.missing+r.extra)/float64(max(r.runner, 1)))
	fmt.Printf("Extras explained by this run (file not compiled here, parent skipped, failed or not run): %d of %d. "+
		"Inventory cases not compared (under benchmarks or fuzz targets): %d.\n\n", cmp.extraExplained, r.extra, cmp.notCompared)
	if len(cmp.perPkg) > 1 {
		fmt.Println("| package | runner | matched | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
		for _, k := range sortedKeys(cmp.perPkg) {
			p := cmp.perPkg[k]
			if p.runner+p.extra == 0 {
				continue
			}
			fmt.Printf("| %s | %d | %d | %d | %d | %.2f %% |\n", k, p.runner, p.found, p.missing, p.extra,
				100*float64(p.missing+p.extra)/float64(max(p.runner, 1)))
		}
		fmt.Println()
	}
	if len(r.causes) > 0 {
		r.print()
		fmt.Println()
	}
	fmt.Printf("### Not expanded: %d tests ran %d subtests, the inventory has no case under them\n\n", cmp.notExpandedTests, cmp.notExpandedSubs)
	if len(cmp.shapes) > 0 {
		fmt.Println("| shape of the test's t.Run calls | tests | subtests | examples |\n| --- | --- | --- | --- |")
		keys := sortedKeys(cmp.shapes)
		slices.SortStableFunc(keys, func(a, b string) int { return cmp.shapes[b].tests - cmp.shapes[a].tests })
		for _, k := range keys {
			s := cmp.shapes[k]
			fmt.Printf("| %s | %d | %d | %s |\n", k, s.tests, s.subtests, strings.Join(s.examples, "<br>"))
		}
		fmt.Println()
	}
	return writeDetails(r.details)
}

// goListTestFiles maps import paths to their directory and built test files.
func goListTestFiles(root string, patterns []string) (map[string]goPkgFiles, error) {
	args := append([]string{"list", "-e", "-json=ImportPath,Dir,TestGoFiles,XTestGoFiles"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	pkgs := map[string]goPkgFiles{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath, Dir           string
			TestGoFiles, XTestGoFiles []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, fmt.Errorf("go list: %w", err)
		}
		rel, err := filepath.Rel(root, p.Dir)
		if err != nil {
			continue
		}
		pf := goPkgFiles{dir: filepath.ToSlash(rel), built: map[string]bool{}}
		for _, f := range append(p.TestGoFiles, p.XTestGoFiles...) {
			pf.built[f] = true
		}
		pkgs[p.ImportPath] = pf
	}
	return pkgs, nil
}

// goTestJSON runs the tests and returns what each package reported, and
// go test's stderr. A failing test or package is not an error: the
// comparison covers what ran.
func goTestJSON(root string, patterns []string) (map[string]*goRunPackage, string, error) {
	args := append([]string{"test", "-json", "-count=1", "-short", "-timeout", "20m"}, patterns...)
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	run := parseGoTestJSON(stdout)
	_ = cmd.Wait() // non-zero when a test fails
	if len(run) == 0 {
		return nil, stderr.String(), fmt.Errorf("go test reported no package: %s", firstLines(stderr.String(), 5))
	}
	return run, stderr.String(), nil
}

// parseGoTestJSON reads a `go test -json` stream.
func parseGoTestJSON(r io.Reader) map[string]*goRunPackage {
	run := map[string]*goRunPackage{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var ev goTestEvent
		if json.Unmarshal(sc.Bytes(), &ev) != nil || ev.Package == "" {
			continue
		}
		p := run[ev.Package]
		if p == nil {
			p = &goRunPackage{tests: map[string]*goRunTest{}}
			run[ev.Package] = p
		}
		if ev.Test == "" {
			switch ev.Action {
			case "pass", "fail", "skip":
				p.result = ev.Action
				p.failedBuild = p.failedBuild || ev.FailedBuild != ""
			}
			continue
		}
		t := p.tests[ev.Test]
		if t == nil {
			t = &goRunTest{}
			p.tests[ev.Test] = t
			if strings.Contains(ev.Test, "/") {
				p.order = append(p.order, ev.Test)
			}
		}
		switch ev.Action {
		case "pass", "fail", "skip":
			t.result = ev.Action
			if ev.Action != "skip" {
				t.output = nil
			}
		case "output":
			// Kept for the skip message; a test's own lines only.
			if s := strings.TrimSpace(ev.Output); s != "" && !strings.HasPrefix(s, "=== ") && len(t.output) < 20 {
				t.output = append(t.output, s)
			}
		}
	}
	return run
}

// goRewrite is package testing's rewrite of a subtest name: white space
// becomes "_", a non-printable rune its escape without quotes.
func goRewrite(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case goIsSpace(r):
			b.WriteByte('_')
		case !strconv.IsPrint(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// goIsSpace is package testing's isSpace (not Unicode's Z class).
func goIsSpace(r rune) bool {
	if r < 0x2000 {
		switch r {
		case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xA0, 0x1680:
			return true
		}
		return false
	}
	if r <= 0x200a {
		return true
	}
	switch r {
	case 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return false
}

// stripSubtestNumber removes the "#NN" suffix (two or more digits) that
// go test adds to a repeated name, from the last element of a full name.
func stripSubtestNumber(s string) string {
	i := strings.LastIndex(s, "#")
	if i < 0 || len(s)-i-1 < 2 {
		return s
	}
	for _, c := range s[i+1:] {
		if c < '0' || c > '9' {
			return s
		}
	}
	return s[:i]
}

// goCase is one inventory case, named as go test would name it.
type goCase struct {
	full  string // TestX/sub/…, rewritten
	top   string
	file  string // relative to the root
	line  int
	built bool
}

// goShape counts the not-expanded tests of one shape.
type goShape struct {
	tests, subtests int
	examples        []string
}

// subtestComparison holds the two sides and the counts.
type subtestComparison struct {
	root string
	pkgs map[string]goPkgFiles
	run  map[string]*goRunPackage
	doc  inventory.Document

	report                                           cargoReport
	perPkg                                           map[string]*cargoReport
	shapes                                           map[string]*goShape
	expanded, notExpandedTests, notExpandedSubs      int
	subtests, testsWithSubtests, failed, buildFailed int
	extraExplained, notCompared                      int

	parsed map[string]*goParsedPkg // by directory
}

func newSubtestComparison(root string, pkgs map[string]goPkgFiles, run map[string]*goRunPackage, doc inventory.Document) *subtestComparison {
	return &subtestComparison{root: root, pkgs: pkgs, run: run, doc: doc,
		perPkg: map[string]*cargoReport{}, shapes: map[string]*goShape{}, parsed: map[string]*goParsedPkg{}}
}

func (c *subtestComparison) compare() {
	// The inventory, by package directory: declared top-level tests and the
	// cases under them.
	declared := map[string]map[string]bool{} // dir → top-level names
	for _, f := range c.doc.Files {
		if f.Language != inventory.LanguageGo {
			continue
		}
		d := path.Dir(f.Path)
		for _, t := range f.Tests {
			if t.Kind == inventory.KindTest && len(t.SuitePath) == 0 {
				if declared[d] == nil {
					declared[d] = map[string]bool{}
				}
				declared[d][t.Name] = true
			}
		}
	}
	byDir := map[string]string{} // dir → import path, for the packages that ran
	for imp, p := range c.pkgs {
		if c.run[imp] != nil {
			byDir[p.dir] = imp
		}
	}
	cases := map[string]map[string][]goCase{} // import path → top-level test → cases
	for _, f := range c.doc.Files {
		if f.Language != inventory.LanguageGo {
			continue
		}
		d, base := path.Split(f.Path)
		d = path.Clean(d)
		imp, ok := byDir[d]
		if !ok {
			continue
		}
		built := c.pkgs[imp].built[base]
		for _, t := range f.Tests {
			if t.Kind != inventory.KindCase || len(t.SuitePath) == 0 || !declared[d][t.SuitePath[0]] {
				continue
			}
			top := t.SuitePath[0]
			if !strings.HasPrefix(top, "Test") {
				c.notCompared++
				continue
			}
			elems := []string{top}
			for _, s := range t.SuitePath[1:] {
				elems = append(elems, goRewrite(s))
			}
			elems = append(elems, goRewrite(t.Name))
			if cases[imp] == nil {
				cases[imp] = map[string][]goCase{}
			}
			cases[imp][top] = append(cases[imp][top], goCase{full: strings.Join(elems, "/"), top: top, file: f.Path, line: t.Line, built: built})
		}
	}

	for _, imp := range sortedKeys(c.run) {
		p := c.run[imp]
		switch {
		case p.failedBuild:
			c.buildFailed++
		case p.result != "pass" && p.result != "skip":
			c.failed++
		}
		pr := &cargoReport{}
		c.perPkg[imp] = pr
		// Runtime subtests, by top-level test.
		subs := map[string][]string{}
		for _, name := range p.order {
			top, _, _ := strings.Cut(name, "/")
			subs[top] = append(subs[top], name)
		}
		c.subtests += len(p.order)
		c.testsWithSubtests += len(subs)
		tops := map[string]bool{}
		for t := range subs {
			tops[t] = true
		}
		for t := range cases[imp] {
			tops[t] = true
		}
		for _, top := range sortedKeys(tops) {
			if len(cases[imp][top]) == 0 {
				c.notExpanded(imp, top, subs[top])
				continue
			}
			c.expanded++
			c.compareTest(imp, p, top, subs[top], cases[imp][top], pr)
		}
		c.report.add(pr)
	}
}

// compareTest matches the subtests one top-level test ran with its cases.
func (c *subtestComparison) compareTest(imp string, p *goRunPackage, top string, ran []string, cs []goCase, pr *cargoReport) {
	want := map[string]int{} // full name → how many cases declare it
	for _, k := range cs {
		want[k.full]++
	}
	got := map[string]int{}      // full name → runtime subtests matched to it
	matched := map[string]bool{} // runtime names matched
	var rest []string
	for _, name := range ran {
		if want[name] > 0 && got[name] < want[name] {
			got[name]++
			matched[name] = true
		} else {
			rest = append(rest, name)
		}
	}
	// go test's #NN: the second of two cases declared with one name.
	var missing []string
	for _, name := range rest {
		if base := stripSubtestNumber(name); base != name && got[base] < want[base] {
			got[base]++
			matched[name] = true
			continue
		}
		missing = append(missing, name)
	}
	pr.runner += len(ran)
	pr.found += len(ran) - len(missing)
	for _, name := range missing {
		pr.missing++
		cause, example := c.missingCause(imp, p, name, matched, want)
		pr.cause(cause, imp+" "+example)
	}
	// Extras: the declarations nothing ran, with what the run says of them.
	seen := map[string]int{}
	for _, k := range cs {
		seen[k.full]++
		if seen[k.full] <= got[k.full] {
			continue
		}
		pr.extra++
		cause, explained := c.extraCause(p, k, missing)
		if explained {
			c.extraExplained++
		}
		pr.cause(cause, fmt.Sprintf("%s %s (%s:%d)", imp, k.full, k.file, k.line))
	}
}

// parentOf is the runtime parent of a subtest: the longest proper prefix,
// cut at a "/", that the run reported as a test (a name may hold a "/").
func parentOf(p *goRunPackage, name string) string {
	for i := len(name) - 1; i > 0; i-- {
		if name[i] == '/' && p.tests[name[:i]] != nil {
			return name[:i]
		}
	}
	top, _, _ := strings.Cut(name, "/")
	return top
}

func (c *subtestComparison) missingCause(imp string, p *goRunPackage, name string, matched map[string]bool, want map[string]int) (string, string) {
	parent := parentOf(p, name)
	leaf := name[len(parent)+1:]
	if strings.Contains(parent, "/") && !matched[parent] && want[parent] == 0 {
		return "missing: below a subtest the inventory lacks", name
	}
	if base := stripSubtestNumber(name); base != name && want[base] > 0 {
		return "missing: the same name run again (go test's #NN): a t.Run repeated in a loop or helper", name
	}
	if leaf == "#00" || strings.HasPrefix(leaf, "#") && stripSubtestNumber(leaf) == "" {
		return "missing: empty name (go test names it #NN)", name
	}
	pp := c.parse(imp)
	top, _, _ := strings.Cut(name, "/")
	for _, scope := range []string{top, ""} {
		if at, ok := pp.rowLiterals[scope][leaf]; ok {
			return "missing: the name is a string literal in a table row or t.Run of the test or a package-level variable (engine gap?)",
				fmt.Sprintf("%s (literal at %s)", name, at)
		}
	}
	if at, ok := pp.literals[leaf]; ok {
		return "missing: the name is a string literal elsewhere in the package's tests (a computed name that happens to equal it?)",
			fmt.Sprintf("%s (literal at %s)", name, at)
	}
	if at, ok := pp.funcs[leaf]; ok {
		return "missing: the name is a function or method name (suite method?)", fmt.Sprintf("%s (declared at %s)", name, at)
	}
	return "missing: name computed at run time (no such literal in the package's tests)", name
}

// extraCause says why a case did not run, and whether the run explains it.
func (c *subtestComparison) extraCause(p *goRunPackage, k goCase, missing []string) (string, bool) {
	if !k.built {
		return "extra: file not compiled here (build constraint, GOOS/GOARCH)", true
	}
	if p.failedBuild {
		return "extra: package did not build", true
	}
	// The nearest ancestor the run reported.
	anc := ""
	for i := len(k.full) - 1; i > 0; i-- {
		if k.full[i] == '/' && p.tests[k.full[:i]] != nil {
			anc = k.full[:i]
			break
		}
	}
	if anc == "" {
		if p.result != "pass" {
			return "extra: test not run (its package failed: a panic or time-out ends the run)", true
		}
		return "extra: test not run (package passed)", false
	}
	t := p.tests[anc]
	what := "test"
	if strings.Contains(anc, "/") {
		what = "ancestor subtest"
	}
	switch t.result {
	case "skip":
		msg := strings.ToLower(strings.Join(t.output, " "))
		if strings.Contains(msg, "short") {
			return "extra: " + what + " skipped in -short mode", true
		}
		return "extra: " + what + " skipped at run time (t.Skip)", true
	case "fail":
		return "extra: " + what + " failed", true
	case "":
		return "extra: " + what + " did not finish (package aborted)", true
	}
	sib := false
	for _, m := range missing {
		if parentOf(p, m) == anc {
			sib = true
			break
		}
	}
	if anc != k.full[:strings.LastIndex(k.full, "/")] {
		return "extra: " + what + " passed without running the parent subtest", false
	}
	if sib {
		return "extra: " + what + " passed and ran other names here (a name differs?)", false
	}
	return "extra: " + what + " passed without running it (conditional t.Run?)", false
}

// notExpanded counts a test that ran subtests the inventory has no case
// for, by the shape of its t.Run calls.
func (c *subtestComparison) notExpanded(imp, top string, ran []string) {
	if len(ran) == 0 {
		return
	}
	c.notExpandedTests++
	c.notExpandedSubs += len(ran)
	shape := c.parse(imp).shape(top)
	if strings.HasPrefix(top, "Fuzz") {
		shape = "fuzz target: seed corpus (f.Add, testdata/fuzz)"
	}
	s := c.shapes[shape]
	if s == nil {
		s = &goShape{}
		c.shapes[shape] = s
	}
	s.tests++
	s.subtests += len(ran)
	ex := fmt.Sprintf("`%s` %s", imp, ran[0])
	if len(ran) > 1 {
		ex += fmt.Sprintf(" (+%d)", len(ran)-1)
	}
	if len(s.examples) < 3 {
		s.examples = append(s.examples, strings.ReplaceAll(ex, "|", `\|`))
	}
	c.report.details = append(c.report.details, "not expanded: "+shape+"\t"+imp+" "+strings.Join(ran, " "))
}

// goParsedPkg is the syntax of one package's built test files.
type goParsedPkg struct {
	fset     *token.FileSet
	files    []*ast.File
	literals map[string]string          // rewritten string literal → file:line
	funcs    map[string]string          // function and method names → file:line
	pkgVars  map[string]ast.Expr        // package-level variables, with their value (nil when none)
	types    map[string]*ast.StructType // package-level struct types
	helpers  map[string]int             // see runHelpers
	// rowLiterals: by top-level function ("" for the package-level
	// variables), the string literals written as an element or field of a
	// composite literal or as a t.Run name, rewritten → file:line.
	rowLiterals map[string]map[string]string
}

// parse reads the built test files of a package (once).
func (c *subtestComparison) parse(imp string) *goParsedPkg {
	pf := c.pkgs[imp]
	if pp := c.parsed[pf.dir]; pp != nil {
		return pp
	}
	pp := &goParsedPkg{fset: token.NewFileSet(), literals: map[string]string{}, funcs: map[string]string{},
		pkgVars: map[string]ast.Expr{}, types: map[string]*ast.StructType{}, rowLiterals: map[string]map[string]string{}}
	c.parsed[pf.dir] = pp
	for _, base := range sortedKeys(pf.built) {
		rel := path.Join(pf.dir, base)
		f, err := parser.ParseFile(pp.fset, filepath.Join(c.root, filepath.FromSlash(rel)), nil, parser.SkipObjectResolution)
		if err != nil {
			continue
		}
		pp.files = append(pp.files, f)
		at := func(pos token.Pos) string { return fmt.Sprintf("%s:%d", rel, pp.fset.Position(pos).Line) }
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.BasicLit:
				if n.Kind == token.STRING {
					if s, err := strconv.Unquote(n.Value); err == nil && s != "" {
						if _, ok := pp.literals[goRewrite(s)]; !ok {
							pp.literals[goRewrite(s)] = at(n.Pos())
						}
					}
				}
			case *ast.FuncDecl:
				pp.funcs[n.Name.Name] = at(n.Pos())
			}
			return true
		})
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.GenDecl:
				for _, sp := range d.Specs {
					switch sp := sp.(type) {
					case *ast.ValueSpec:
						if d.Tok != token.VAR {
							continue
						}
						for i, id := range sp.Names {
							pp.pkgVars[id.Name] = nil
							if len(sp.Values) == len(sp.Names) {
								pp.pkgVars[id.Name] = sp.Values[i]
							}
						}
						pp.addRowLiterals("", sp, at)
					case *ast.TypeSpec:
						if st, ok := sp.Type.(*ast.StructType); ok {
							pp.types[sp.Name.Name] = st
						}
					}
				}
			case *ast.FuncDecl:
				if d.Recv == nil && d.Body != nil {
					pp.addRowLiterals(d.Name.Name, d.Body, at)
				}
			}
		}
	}
	return pp
}

// addRowLiterals records the string literals under n that are an element
// or a field value of a composite literal, or the name of a .Run call.
func (pp *goParsedPkg) addRowLiterals(scope string, n ast.Node, at func(token.Pos) string) {
	m := pp.rowLiterals[scope]
	if m == nil {
		m = map[string]string{}
		pp.rowLiterals[scope] = m
	}
	add := func(e ast.Expr) {
		if bl, ok := e.(*ast.BasicLit); ok && bl.Kind == token.STRING {
			if v, err := strconv.Unquote(bl.Value); err == nil && v != "" {
				if _, ok := m[goRewrite(v)]; !ok {
					m[goRewrite(v)] = at(bl.Pos())
				}
			}
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CompositeLit:
			for _, e := range n.Elts {
				if kv, ok := e.(*ast.KeyValueExpr); ok {
					add(kv.Key)
					e = kv.Value
				}
				add(e)
			}
		case *ast.CallExpr:
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Run" && len(n.Args) == 2 {
				add(ast.Unparen(n.Args[0]))
			}
		}
		return true
	})
}

// shape describes the t.Run calls (any receiver, two arguments) in the
// body of a top-level test: the shape of their name arguments.
func (pp *goParsedPkg) shape(top string) string {
	var fd *ast.FuncDecl
	for _, f := range pp.files {
		for _, d := range f.Decls {
			if x, ok := d.(*ast.FuncDecl); ok && x.Recv == nil && x.Name.Name == top {
				fd = x
			}
		}
	}
	if fd == nil || fd.Body == nil {
		return "no such test function: a top-level name made at run time (testing.RunTests, testing.Main)"
	}
	seen := map[string]bool{}
	var shapes []string
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) != 2 {
			return true
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); !ok || sel.Sel.Name != "Run" {
			return true
		}
		if s := pp.nameShape(fd, call.Args[0]); !seen[s] {
			seen[s] = true
			shapes = append(shapes, s)
		}
		return true
	})
	// Helpers of the package that run a subtest named by one of their
	// parameters: what the test passes them.
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok {
			return true
		}
		id, ok := ast.Unparen(call.Fun).(*ast.Ident)
		if !ok {
			return true
		}
		if i, ok := pp.runHelpers()[id.Name]; ok && i < len(call.Args) {
			if s := "helper " + id.Name + "(" + pp.nameShape(fd, call.Args[i]) + ")"; !seen[s] {
				seen[s] = true
				shapes = append(shapes, s)
			}
			return true
		}
		// A helper that names its subtests itself.
		if hd := pp.funcDecl(id.Name); hd != nil && hd != fd {
			ast.Inspect(hd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 2 {
					return true
				}
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Run" {
					if s := "inside helper " + id.Name + ": " + pp.nameShape(hd, call.Args[0]); !seen[s] {
						seen[s] = true
						shapes = append(shapes, s)
					}
				}
				return true
			})
		}
		return true
	})
	if len(shapes) == 0 {
		return "no .Run(name, f) in the test's body nor a helper's: subtests run by a suite or through a value"
	}
	slices.Sort(shapes)
	return "t.Run(" + strings.Join(shapes, " · ") + ")"
}

// nameShape classifies a t.Run name argument.
func (pp *goParsedPkg) nameShape(fd *ast.FuncDecl, arg ast.Expr) string {
	switch a := ast.Unparen(arg).(type) {
	case *ast.BasicLit:
		if v, err := strconv.Unquote(a.Value); err == nil && v == "" {
			return `empty string literal ""`
		}
		return "string literal"
	case *ast.CallExpr:
		return "call " + pp.short(a.Fun)
	case *ast.BinaryExpr:
		return "concatenation"
	case *ast.Ident:
		if rng := rangeOf(fd, a.Name); rng != nil {
			return "range variable over " + pp.tableShape(fd, rng.X) + writtenNote(fd, a.Name, rng.X) + pp.rowsShape(fd, rng, a.Name, "")
		}
		if v := localValue(fd, a.Name); v != nil {
			return "local variable = " + pp.valueShape(v)
		}
		return "variable (parameter or assigned)"
	case *ast.SelectorExpr:
		if id, ok := ast.Unparen(a.X).(*ast.Ident); ok {
			if rng := rangeOf(fd, id.Name); rng != nil {
				return "field of a range variable over " + pp.tableShape(fd, rng.X) + writtenNote(fd, id.Name, rng.X) + pp.rowsShape(fd, rng, id.Name, a.Sel.Name)
			}
			return "field of a variable"
		}
		return "selector"
	case *ast.IndexExpr:
		return "index expression"
	}
	return fmt.Sprintf("%T", arg)
}

func (pp *goParsedPkg) tableShape(fd *ast.FuncDecl, x ast.Expr) string {
	switch t := ast.Unparen(x).(type) {
	case *ast.CompositeLit:
		return "a literal"
	case *ast.Ident:
		if v := localValue(fd, t.Name); v != nil {
			return "a local " + pp.valueShape(v)
		}
		if _, ok := pp.pkgVars[t.Name]; ok {
			return "a package-level variable"
		}
		return "a variable (parameter or assigned)"
	case *ast.CallExpr:
		return "a call result (" + pp.short(t.Fun) + ")"
	case *ast.SelectorExpr:
		return "a field or another package's variable"
	}
	return "another expression"
}

// rowsShape says what the rows of a literal table give the name: the
// field (or, field "", the element or key name ranges over) of each row, counted by shape:
// `; rows: literal, "", call Name`, or "; every row a literal".
func (pp *goParsedPkg) rowsShape(fd *ast.FuncDecl, rng *ast.RangeStmt, name, field string) string {
	x := ast.Unparen(rng.X)
	if id, ok := x.(*ast.Ident); ok {
		x = localValue(fd, id.Name)
		if x == nil {
			x = pp.pkgVars[id.Name]
		}
	}
	lit, ok := x.(*ast.CompositeLit)
	if !ok || lit == nil {
		return ""
	}
	// t.Run(k) where k is the key: a map's keys name the subtests.
	id, ok := rng.Key.(*ast.Ident)
	key := ok && field == "" && id.Name == name
	var elt ast.Expr
	switch t := lit.Type.(type) {
	case *ast.ArrayType:
		elt = t.Elt
	case *ast.MapType:
		elt = t.Value
	}
	counts := map[string]int{}
	for _, e := range lit.Elts {
		var row ast.Expr = e
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			row = kv.Value
			if key {
				row = kv.Key
			}
		}
		if field == "" {
			counts[pp.exprShape(row)]++
			continue
		}
		counts[pp.fieldShape(row, elt, field)]++
	}
	var parts []string
	for _, k := range sortedKeys(counts) {
		if k != "literal" {
			parts = append(parts, k)
		}
	}
	if len(parts) == 0 {
		return "; every row a literal"
	}
	if counts["literal"] > 0 {
		parts = append([]string{"literal"}, parts...)
	}
	return "; rows: " + strings.Join(parts, ", ")
}

// fieldShape is the shape of field in one row of a table.
func (pp *goParsedPkg) fieldShape(row, elt ast.Expr, field string) string {
	row = ast.Unparen(row)
	if u, ok := row.(*ast.UnaryExpr); ok && u.Op == token.AND {
		row = ast.Unparen(u.X)
	}
	cl, ok := row.(*ast.CompositeLit)
	if !ok {
		return "row not a literal"
	}
	if len(cl.Elts) == 0 {
		return "field unset"
	}
	if _, keyed := cl.Elts[0].(*ast.KeyValueExpr); keyed {
		for _, e := range cl.Elts {
			kv := e.(*ast.KeyValueExpr)
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
				return pp.exprShape(kv.Value)
			}
		}
		for _, e := range cl.Elts {
			kv := e.(*ast.KeyValueExpr)
			// An embedded field is keyed by its type's name.
			if id, ok := kv.Key.(*ast.Ident); ok && ast.IsExported(id.Name) && id.Name != field {
				if _, isCall := ast.Unparen(kv.Value).(*ast.CallExpr); isCall || pp.types[id.Name] != nil {
					return "promoted from embedded " + id.Name + ": " + pp.exprShape(kv.Value)
				}
			}
		}
		return "field unset"
	}
	typ := cl.Type
	if typ == nil {
		typ = elt
	}
	if st, ok := ast.Unparen(typ).(*ast.StarExpr); ok {
		typ = st.X
	}
	var st *ast.StructType
	switch t := ast.Unparen(typ).(type) {
	case *ast.StructType:
		st = t
	case *ast.Ident:
		st = pp.types[t.Name]
	}
	if st == nil {
		return "positional row of an unknown type"
	}
	i := 0
	for _, f := range st.Fields.List {
		if len(f.Names) == 0 {
			if i < len(cl.Elts) {
				if _, isCall := ast.Unparen(cl.Elts[i]).(*ast.CallExpr); isCall {
					return "promoted from an embedded field: " + pp.exprShape(cl.Elts[i])
				}
			}
			i++
			continue
		}
		for _, n := range f.Names {
			if n.Name == field && i < len(cl.Elts) {
				return pp.exprShape(cl.Elts[i])
			}
			i++
		}
	}
	return "field not found"
}

// exprShape is "literal", `""`, "call F" or "expression".
func (pp *goParsedPkg) exprShape(e ast.Expr) string {
	switch x := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		if v, err := strconv.Unquote(x.Value); err == nil && v == "" {
			return `""`
		}
		return "literal"
	case *ast.CallExpr:
		return "call " + pp.short(x.Fun)
	case *ast.Ident:
		return "identifier"
	}
	return "expression"
}

func (pp *goParsedPkg) valueShape(v ast.Expr) string {
	switch x := ast.Unparen(v).(type) {
	case *ast.CompositeLit:
		return "literal"
	case *ast.BasicLit:
		return "literal"
	case *ast.CallExpr:
		return "call result (" + pp.short(x.Fun) + ")"
	}
	return "expression"
}

// short prints a function expression, shortened.
func (pp *goParsedPkg) short(e ast.Expr) string {
	var b bytes.Buffer
	_ = printer.Fprint(&b, pp.fset, e)
	s := b.String()
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

// writtenNote says when the loop variable or the table is assigned to
// (=, op=, ++) or has its address taken somewhere in the test function,
// which makes the engine distrust the table: "" when neither is.
func writtenNote(fd *ast.FuncDecl, loopVar string, table ast.Expr) string {
	names := map[string]string{loopVar: "the loop variable"}
	if id, ok := ast.Unparen(table).(*ast.Ident); ok {
		names[id.Name] = "the table"
	}
	var what []string
	note := func(e ast.Expr, how string) {
		if w, ok := names[rootIdent(e)]; ok {
			s := w + " " + how
			if !slices.Contains(what, s) {
				what = append(what, s)
			}
		}
	}
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE {
				for _, l := range n.Lhs {
					note(l, "is assigned to")
				}
			}
		case *ast.IncDecStmt:
			note(n.X, "is assigned to")
		case *ast.UnaryExpr:
			if n.Op == token.AND {
				note(n.X, "has its address taken")
			}
		}
		return true
	})
	if len(what) == 0 {
		return ""
	}
	slices.Sort(what)
	return ", where " + strings.Join(what, " and ")
}

// rootIdent is the variable an assignable expression writes into
// (tests[0].name → tests), or "".
func rootIdent(e ast.Expr) string {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return x.Name
		case *ast.ParenExpr:
			e = x.X
		case *ast.SelectorExpr:
			e = x.X
		case *ast.IndexExpr:
			e = x.X
		case *ast.StarExpr:
			e = x.X
		default:
			return ""
		}
	}
}

// funcDecl is the package's function (not method) of that name, or nil.
func (pp *goParsedPkg) funcDecl(name string) *ast.FuncDecl {
	for _, f := range pp.files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Body != nil && fd.Name.Name == name {
				return fd
			}
		}
	}
	return nil
}

// runHelpers maps the package's functions that call X.Run(p, …) with one
// of their own parameters p to that parameter's position (once).
func (pp *goParsedPkg) runHelpers() map[string]int {
	if pp.helpers != nil {
		return pp.helpers
	}
	pp.helpers = map[string]int{}
	for _, f := range pp.files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv != nil || fd.Body == nil {
				continue
			}
			params := map[string]int{}
			i := 0
			for _, fl := range fd.Type.Params.List {
				for _, n := range fl.Names {
					params[n.Name] = i
					i++
				}
				if len(fl.Names) == 0 {
					i++
				}
			}
			ast.Inspect(fd.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) != 2 {
					return true
				}
				if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Run" {
					if id, ok := ast.Unparen(call.Args[0]).(*ast.Ident); ok {
						if i, ok := params[id.Name]; ok {
							pp.helpers[fd.Name.Name] = i
						}
					}
				}
				return true
			})
		}
	}
	return pp.helpers
}

// rangeOf finds a range statement in fd whose key or value is name.
func rangeOf(fd *ast.FuncDecl, name string) *ast.RangeStmt {
	var out *ast.RangeStmt
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if r, ok := n.(*ast.RangeStmt); ok && out == nil {
			for _, e := range []ast.Expr{r.Key, r.Value} {
				if id, ok := e.(*ast.Ident); ok && id.Name == name {
					out = r
				}
			}
		}
		return out == nil
	})
	return out
}

// localValue finds the value name is first declared with in fd, or nil.
func localValue(fd *ast.FuncDecl, name string) ast.Expr {
	var out ast.Expr
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		if out != nil {
			return false
		}
		switch s := n.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE && len(s.Lhs) == len(s.Rhs) {
				for i, l := range s.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == name {
						out = s.Rhs[i]
					}
				}
			}
		case *ast.ValueSpec:
			for i, id := range s.Names {
				if id.Name == name && len(s.Values) == len(s.Names) {
					out = s.Values[i]
				}
			}
		}
		return true
	})
	return out
}

// firstLines is the first n lines of s, joined by " / ".
func firstLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[:n]
	}
	return strings.ReplaceAll(strings.Join(lines, " / "), "`", "'")
}
