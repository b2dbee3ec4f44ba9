package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// debianRegistry is where Debian's librust-*-dev packages install crate
// sources; when it exists, cargo is pointed at it as a directory source that
// replaces crates.io (the machine has no other registry).
const debianRegistry = "/usr/share/cargo/registry"

// runCargo compares, crate by crate, the inventory's Rust tests with what
// `cargo test --tests -- --list` lists: every test binary of the targets
// cargo test runs (the library's and binaries' unit tests, tests/*.rs),
// compared by target and full test path (module::path::name). Doc tests are
// counted apart: they are code blocks in doc comments, not declared #[test]
// functions, and the inventory does not report them.
//
// Each crate is copied to a scratch folder (ACCURACY_CARGO_WORK, default
// $TMPDIR/testlens-accuracy-cargo; its target/ folders are kept between runs)
// because cargo writes Cargo.lock and target/ beside the sources. Extra
// arguments for cargo test (--all-features, --features x) come from
// ACCURACY_CARGO_ARGS. ACCURACY_DETAILS=FILE writes every difference.
//
// Then again "for this configuration": only the inventory's tests whose
// Condition (a #[cfg] predicate) holds in the crate's test build, as rustc
// decides it (cargocfg.go), against the same list.
func runCargo(dirs []string) error {
	collector, err := collectorPath()
	if err != nil {
		return err
	}
	work := os.Getenv("ACCURACY_CARGO_WORK")
	if work == "" {
		work = filepath.Join(os.TempDir(), "testlens-accuracy-cargo")
	}
	if err := os.MkdirAll(filepath.Join(work, ".cargo"), 0o755); err != nil {
		return err
	}
	if _, err := os.Stat(debianRegistry); err == nil {
		conf := "[source.crates-io]\nreplace-with = \"debian\"\n[source.debian]\ndirectory = \"" + debianRegistry + "\"\n[net]\noffline = true\n"
		if err := os.WriteFile(filepath.Join(work, ".cargo", "config.toml"), []byte(conf), 0o644); err != nil {
			return err
		}
	}
	extraArgs := strings.Fields(os.Getenv("ACCURACY_CARGO_ARGS"))

	var all, allHere cargoReport
	var rows, rowsHere []string
	var failed []string
	var stats condStats
	var condErrs []string
	for _, dir := range dirs {
		dir, err := filepath.Abs(dir)
		if err != nil {
			return err
		}
		name := filepath.Base(dir)
		copyDir := filepath.Join(work, name)
		if err := syncCrate(dir, copyDir); err != nil {
			return err
		}
		listed, doctests, err := cargoList(copyDir, extraArgs)
		if err != nil {
			failed = append(failed, fmt.Sprintf("%s (%v)", name, err))
			continue
		}
		doc, err := inventoryOf(collector, copyDir)
		if err != nil {
			return err
		}
		conds, err := evalConditions(copyDir, doc, extraArgs)
		if err != nil {
			condErrs = append(condErrs, fmt.Sprintf("%s (%v)", name, err))
		}
		stats.add(doc, conds)
		r := compareCrate(name, copyDir, listed, doc, conds)
		r.doctests = doctests
		rows = append(rows, r.row(name))
		all.add(&r)
		here := compareCrate(name, copyDir, listed, inConfig(doc, conds), conds)
		here.doctests = doctests
		rowsHere = append(rowsHere, here.row(name))
		allHere.add(&here)
	}

	fmt.Printf("## cargo test: %d crates\n\n", len(rows))
	if len(extraArgs) > 0 {
		fmt.Printf("cargo test arguments: `%s`.\n\n", strings.Join(extraArgs, " "))
	}
	fmt.Println("| crate | runner | found | missing | extra | difference | test files missing | doc tests (not counted) |\n| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, row := range rows {
		fmt.Println(row)
	}
	fmt.Println(all.row("**all**"))
	fmt.Println()
	if len(failed) > 0 {
		fmt.Printf("Not measured (cargo could not build or list their tests): %s.\n\n", strings.Join(failed, "; "))
	}
	if len(all.missingFiles) > 0 {
		fmt.Printf("Test files missing: %s.\n\n", strings.Join(all.missingFiles, ", "))
	}
	all.print()
	fmt.Println()
	fmt.Printf("Of the %d extra tests, %d are under a condition that is false in this configuration; the other %d "+
		"stay extra below.\n\n", all.extra, all.extraFalse, all.extra-all.extraFalse)

	fmt.Printf("## cargo test, for this configuration: %d crates\n\n", len(rowsHere))
	fmt.Println("The inventory's tests whose condition (`#[cfg]` predicate) holds in each crate's test build, as rustc " +
		"decides it: `cargo rustc --lib --profile test -- --print cfg` gives the crate's cfgs (features, build-script cfgs, " +
		"target, test) and a generated program prints `cfg!(P)` for each distinct condition.")
	fmt.Println()
	fmt.Printf("Declared tests under a condition: %d (%d distinct conditions); false here: %d; could not be evaluated "+
		"(counted as holding): %d.\n\n", stats.tests, stats.distinct, stats.falseHere, stats.unknown)
	if len(condErrs) > 0 {
		fmt.Printf("Conditions not evaluated (counted as holding): %s.\n\n", strings.Join(condErrs, "; "))
	}
	if len(stats.unknownConds) > 0 {
		fmt.Printf("Conditions rustc could not evaluate: `%s`.\n\n", strings.Join(stats.unknownConds, "`, `"))
	}
	fmt.Println("| crate | runner | found | missing | extra | difference | test files missing | doc tests (not counted) |\n| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, row := range rowsHere {
		fmt.Println(row)
	}
	fmt.Println(allHere.row("**all**"))
	fmt.Println()
	allHere.print()
	for _, d := range allHere.details {
		all.details = append(all.details, "for this configuration: "+d)
	}
	return writeDetails(all.details)
}

// syncCrate copies the crate at src to dst, replacing what an earlier run
// copied but keeping dst's target/ (the build cache).
func syncCrate(src, dst string) error {
	if entries, err := os.ReadDir(dst); err == nil {
		for _, e := range entries {
			if e.Name() == "target" {
				continue
			}
			if err := os.RemoveAll(filepath.Join(dst, e.Name())); err != nil {
				return err
			}
		}
	}
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() && rel == "target" {
			return filepath.SkipDir
		}
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
}

// runningLine is cargo's announcement of one test binary, naming its
// target's root source file: "Running unittests src/lib.rs (target/…)" or
// "Running tests/parse.rs (target/…)".
var runningLine = regexp.MustCompile(`^\s*Running (?:unittests )?(\S+\.rs) \(`)

// cargoList runs `cargo test --tests -- --list` in dir and returns the
// listed tests per target root file (slash-separated, relative to dir), and
// how many doc tests `cargo test --doc -- --list` lists.
func cargoList(dir string, extra []string) (map[string][]string, int, error) {
	args := append([]string{"test", "--offline", "--tests", "--no-fail-fast"}, extra...)
	cmd := exec.Command("cargo", append(args, "--", "--list")...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return nil, 0, fmt.Errorf("cargo test: %v: %s", err, firstError(out.String()))
	}
	listed := map[string][]string{}
	target := ""
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := runningLine.FindStringSubmatch(line); m != nil {
			target = m[1]
			listed[target] = listed[target][:0:0]
			continue
		}
		if name, ok := strings.CutSuffix(line, ": test"); ok && target != "" {
			listed[target] = append(listed[target], name)
		}
	}
	doctests := 0
	cmd = exec.Command("cargo", append(append([]string{"test", "--offline", "--doc"}, extra...), "--", "--list")...)
	cmd.Dir = dir
	if b, err := cmd.Output(); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasSuffix(line, ": test") {
				doctests++
			}
		}
	}
	return listed, doctests, nil
}

func firstError(s string) string {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "error") {
			return strings.TrimSpace(line)
		}
	}
	return tail(s, 300)
}

// cargoReport holds the counts of one crate, or of all of them.
type cargoReport struct {
	runner, found, missing, extra, doctests int
	// extraFalse are the extra tests whose condition is false here.
	extraFalse   int
	missingFiles []string
	causes       map[string]*causeRow
	details      []string
}

func (r *cargoReport) row(name string) string {
	pct := 100 * float64(r.missing+r.extra) / float64(max(r.runner, 1))
	return fmt.Sprintf("| %s | %d | %d | %d | %d | %s %% | %d | %d |", name, r.runner, r.found, r.missing, r.extra,
		strconv.FormatFloat(pct, 'f', 2, 64), len(r.missingFiles), r.doctests)
}

func (r *cargoReport) add(o *cargoReport) {
	r.runner += o.runner
	r.found += o.found
	r.missing += o.missing
	r.extra += o.extra
	r.extraFalse += o.extraFalse
	r.doctests += o.doctests
	r.missingFiles = append(r.missingFiles, o.missingFiles...)
	for name, c := range o.causes {
		if r.causes == nil {
			r.causes = map[string]*causeRow{}
		}
		have := r.causes[name]
		if have == nil {
			have = &causeRow{example: c.example}
			r.causes[name] = have
		}
		have.items += c.items
		have.tests += c.tests
	}
	r.details = append(r.details, o.details...)
}

func (r *cargoReport) cause(name, example string) {
	if r.causes == nil {
		r.causes = map[string]*causeRow{}
	}
	c := r.causes[name]
	if c == nil {
		c = &causeRow{example: example}
		r.causes[name] = c
	}
	c.items++
	c.tests++
	r.details = append(r.details, name+"\t"+example)
}

func (r *cargoReport) print() {
	var names []string
	for n := range r.causes {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if r.causes[names[i]].items != r.causes[names[j]].items {
			return r.causes[names[i]].items > r.causes[names[j]].items
		}
		return names[i] < names[j]
	})
	fmt.Println("| cause | tests | example |\n| --- | --- | --- |")
	for _, n := range names {
		c := r.causes[n]
		fmt.Printf("| %s | %d | `%s` |\n", n, c.items, c.example)
	}
}

// ourRustTest is one test of the inventory at one place in one target.
type ourRustTest struct {
	file  string
	line  int
	suite []string // inline modules, then the function for a case
	name  string
	cond  string
}

// compareCrate compares one crate's listed tests with its inventory. A test
// function the inventory expands into cases (rstest, test_case) is listed
// by the runner as its cases only (fn::case), so cases are compared there,
// and a case named "[i]" (name not statically known) matches any listed case
// of its function by count. An extra test whose condition is false in conds
// is counted in extraFalse too.
func compareCrate(crate, dir string, listed map[string][]string, doc inventory.Document, conds cargoConds) cargoReport {
	var r cargoReport
	var roots []string
	for t := range listed {
		roots = append(roots, t)
	}
	sort.Strings(roots)
	mods := resolveModules(dir, roots)

	// ours: target + "\t" + full path → test; parametrized: functions
	// whose cases the inventory lists → number of cases named "[i]".
	ours := map[string]ourRustTest{}
	unknownCases := map[string]int{}
	caseConds := map[string]string{} // function of cases → its condition
	expanded := map[string]bool{}
	reported := map[string]bool{}
	var unreached []ourRustTest
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageRust {
			continue
		}
		reported[f.Path] = true
		places := mods.places[f.Path]
		for _, t := range f.Tests {
			o := ourRustTest{file: f.Path, line: t.Line, suite: t.SuitePath, name: t.Name, cond: t.Condition}
			if len(places) == 0 {
				if t.Kind == inventory.KindTest {
					unreached = append(unreached, o)
				}
				continue
			}
			for _, p := range places {
				full := strings.Join(append(append(append([]string{}, p.prefix...), t.SuitePath...), t.Name), "::")
				key := p.target + "\t" + full
				if t.Kind == inventory.KindCase {
					fn := p.target + "\t" + strings.Join(append(append([]string{}, p.prefix...), t.SuitePath...), "::")
					expanded[fn] = true
					caseConds[fn] = t.Condition
					if strings.HasPrefix(t.Name, "[") {
						unknownCases[fn]++
						continue
					}
				}
				ours[key] = o
			}
		}
	}

	seen := map[string]bool{}
	missingFiles := map[string]bool{}
	for _, target := range roots {
		for _, name := range listed[target] {
			r.runner++
			key := target + "\t" + name
			if _, ok := ours[key]; ok {
				r.found++
				seen[key] = true
				continue
			}
			parent := key[:max(strings.LastIndex(key, "::"), 0)]
			if expanded[parent] && unknownCases[parent] > 0 {
				unknownCases[parent]--
				r.found++
				seen[parent] = true
				continue
			}
			r.missing++
			cause, file := mods.missingCause(dir, target, name, reported)
			if cause == "file not in the inventory" {
				missingFiles[crate+"/"+file] = true
			}
			r.cause("missing: "+cause, crate+" "+target+" "+name)
		}
	}
	for key, o := range ours {
		if seen[key] {
			continue
		}
		if expanded[key] {
			// The function of cases: the runner lists its cases only.
			continue
		}
		r.extra++
		if !conds.holds(o.cond) {
			r.extraFalse++
		}
		target, name, _ := strings.Cut(key, "\t")
		cause := extraCause(dir, o, listed[target])
		if cause == "not listed by cargo test" || cause == "in a target that lists no test" {
			for _, p := range mods.places[o.file] {
				if p.target == target && p.cfg {
					cause = "behind #[cfg(…)] on a `mod` declaration of its file"
				}
			}
		}
		r.cause("extra: "+cause, crate+" "+target+" "+name)
	}
	for fn, n := range unknownCases {
		for range n {
			r.extra++
			if !conds.holds(caseConds[fn]) {
				r.extraFalse++
			}
			r.cause("extra: more cases than the runner lists", crate+" "+strings.Replace(fn, "\t", " ", 1))
		}
	}
	for _, o := range unreached {
		r.extra++
		if !conds.holds(o.cond) {
			r.extraFalse++
		}
		r.cause("extra: "+unreachedCause(o.file), crate+" "+o.file+" "+strings.Join(append(append([]string{}, o.suite...), o.name), "::"))
	}
	for f := range missingFiles {
		r.missingFiles = append(r.missingFiles, f)
	}
	sort.Strings(r.missingFiles)
	return r
}

func unreachedCause(file string) string {
	switch {
	case strings.HasPrefix(file, "benches/"):
		return "in benches/ (cargo test does not run bench targets)"
	case strings.HasPrefix(file, "examples/"):
		return "in examples/ (cargo test builds examples, does not run their tests)"
	}
	return "file not reached from a target cargo test runs (mod declaration under #[cfg], or not a module)"
}

// extraCause says why a test of the inventory is not listed: a #[cfg(…)]
// on the test or on a module around it (a feature, a platform, a nightly
// flag), or else it should have been listed (an engine bug).
func extraCause(dir string, o ourRustTest, listedInTarget []string) string {
	src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(o.file)))
	if err != nil {
		return "not listed by cargo test"
	}
	if m := fileCfg.FindSubmatch(src); m != nil && !bytes.Equal(bytes.TrimSpace(m[1]), []byte("test")) {
		return "behind #![cfg(…)] on its file"
	}
	lines := strings.Split(string(src), "\n")
	if c := cfgAbove(lines, o.line-1); c != "" {
		return "behind " + c + " on the test"
	}
	// The modules around it, innermost first.
	at := o.line - 1
	for i := len(o.suite) - 1; i >= 0; i-- {
		re := regexp.MustCompile(`\bmod\s+(r#)?` + regexp.QuoteMeta(o.suite[i]) + `\b`)
		for at--; at >= 0 && at < len(lines); at-- {
			if re.MatchString(lines[at]) {
				if c := cfgAbove(lines, at); c != "" {
					return "behind " + c + " on an enclosing module"
				}
				break
			}
		}
	}
	if len(listedInTarget) == 0 {
		return "in a target that lists no test"
	}
	return "not listed by cargo test"
}

var fileCfg = regexp.MustCompile(`(?m)^#!\[cfg\(([^\]]*)\)\]`)

var cfgAttr = regexp.MustCompile(`(?s)#\[cfg\((.*)\)\]`)

// cfgAbove returns the #[cfg(…)] (other than cfg(test)) among the attributes
// written right above line i (a few lines, after the item before them),
// with feature and platform conditions named by kind.
func cfgAbove(lines []string, i int) string {
	text := strings.Join(lines[max(0, i-8):max(0, i)], "\n")
	if k := strings.LastIndexAny(text, "};"); k >= 0 {
		text = text[k+1:]
	}
	k := strings.LastIndex(text, "#[cfg(")
	if k < 0 {
		return ""
	}
	m := cfgAttr.FindStringSubmatch(text[k:])
	if m == nil || strings.TrimSpace(m[1]) == "test" {
		return ""
	}
	cond := strings.Join(strings.Fields(m[1]), " ")
	switch {
	case strings.Contains(cond, "feature"):
		return "#[cfg(feature …)]"
	case strings.Contains(cond, "target") || strings.Contains(cond, "windows") || strings.Contains(cond, "unix"):
		return "#[cfg(platform)]"
	}
	return "#[cfg(" + cond + ")]"
}

// modPlace is where a file sits in one target: the target's root file and
// the module path of the file in its crate.
type modPlace struct {
	target string
	prefix []string
	cfg    bool // a `mod` declaration on the way carries #[cfg(…)] (not cfg(test))
}

// moduleMap is the module tree of every target, as rustc would load it from
// `mod name;` declarations (#[path] included) and include!("file").
type moduleMap struct {
	places map[string][]modPlace // file → places
	files  map[string]string     // target + "\t" + module path → file
}

// resolveModules walks every target root's `mod x;` declarations. #[cfg]
// is not evaluated: a module behind a feature is followed too.
func resolveModules(dir string, roots []string) *moduleMap {
	m := &moduleMap{places: map[string][]modPlace{}, files: map[string]string{}}
	for _, root := range roots {
		seen := map[string]bool{}
		var walk func(file string, prefix []string, isModRS, cfg bool)
		walk = func(file string, prefix []string, isModRS, cfg bool) {
			if seen[file] {
				return
			}
			seen[file] = true
			src, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
			if err != nil {
				return
			}
			m.places[file] = append(m.places[file], modPlace{target: root, prefix: prefix, cfg: cfg})
			m.files[root+"\t"+strings.Join(prefix, "::")] = file
			fileDir := path.Dir(file)
			modDir := fileDir
			if !isModRS {
				modDir = path.Join(fileDir, strings.TrimSuffix(path.Base(file), ".rs"))
			}
			for _, d := range modDecls(src) {
				if d.include != "" {
					// include!'s path is relative to the file it is written
					// in, also inside an inline module.
					inc := path.Join(fileDir, d.include)
					seen[inc] = false
					walk(inc, append(append([]string{}, prefix...), d.inline...), isModRS, cfg || d.cfg)
					continue
				}
				child := append(append(append([]string{}, prefix...), d.inline...), d.name)
				if d.path != "" {
					base := fileDir
					if len(d.inline) > 0 {
						base = path.Join(append([]string{modDir}, d.inline...)...)
					}
					walk(path.Join(base, d.path), child, true, cfg || d.cfg)
					continue
				}
				base := path.Join(append([]string{modDir}, d.inline...)...)
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path.Join(base, d.name+".rs")))); err == nil {
					walk(path.Join(base, d.name+".rs"), child, false, cfg || d.cfg)
				} else {
					walk(path.Join(base, d.name, "mod.rs"), child, true, cfg || d.cfg)
				}
			}
		}
		walk(root, nil, true, false)
	}
	return m
}

// missingCause says why a listed test is not in the inventory: the file
// holding its module is not reported, or the function is not written in
// that file (a macro generates it), or it is (an engine miss).
func (m *moduleMap) missingCause(dir, target, name string, reported map[string]bool) (string, string) {
	parts := strings.Split(name, "::")
	fn := parts[len(parts)-1]
	// The longest module path that is a file.
	for i := len(parts) - 1; i >= 0; i-- {
		file, ok := m.files[target+"\t"+strings.Join(parts[:i], "::")]
		if !ok {
			continue
		}
		src, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		written := regexp.MustCompile(`\bfn\s+(r#)?` + regexp.QuoteMeta(fn) + `\b`).Match(src)
		switch {
		case !written && i < len(parts)-1 && regexp.MustCompile(`\bfn\s+(r#)?`+regexp.QuoteMeta(parts[len(parts)-2])+`\b`).Match(src):
			return "case of a parametrized function not expanded", file
		case !written:
			return "generated by a macro (no fn of that name in the file)", file
		case !reported[file]:
			return "file not in the inventory", file
		}
		return "written in the file, not found", file
	}
	return "module file not found", target
}

// modDecl is one `mod name;` (with its #[path]) or include!("file"), with
// the inline modules it is written in.
type modDecl struct {
	name, path, include string
	cfg                 bool // carries #[cfg(…)] other than cfg(test)
	inline              []string
}

var (
	pathAttr    = regexp.MustCompile(`^#\s*\[\s*path\s*=\s*"([^"]+)"\s*\]`)
	cfgOpen     = regexp.MustCompile(`^#\s*\[\s*cfg\s*\(\s*(test\s*\))?`)
	modWord     = regexp.MustCompile(`^(?:pub(?:\s*\([^)]*\))?\s+)?mod\s+(?:r#)?(\w+)\s*([;{])`)
	includeCall = regexp.MustCompile(`^include!\s*\(\s*"([^"]+)"\s*\)`)
)

// modDecls reads the module declarations of one file. Comments, strings and
// character literals are skipped so that braces in them do not count.
func modDecls(src []byte) []modDecl {
	clean := blankLiterals(src)
	var out []modDecl
	type frame struct{ mod string }
	var stack []frame
	pendingPath, pendingCfg := "", false
	inline := func() []string {
		var names []string
		for _, f := range stack {
			if f.mod != "" {
				names = append(names, f.mod)
			}
		}
		return names
	}
	for i := 0; i < len(clean); i++ {
		c := clean[i]
		switch {
		case c == '{':
			stack = append(stack, frame{})
			pendingCfg = false
		case c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case c == '#':
			if mm := pathAttr.FindSubmatch(src[i:]); mm != nil {
				pendingPath = string(mm[1])
				i += len(mm[0]) - 1
			} else if mm := cfgOpen.FindSubmatch(clean[i:]); mm != nil && len(mm[1]) == 0 {
				pendingCfg = true
			}
		case c == ';':
			pendingPath, pendingCfg = "", false
		case (c == 'm' || c == 'p') && (i == 0 || !isWordByte(clean[i-1])):
			mm := modWord.FindSubmatch(clean[i:])
			if mm == nil {
				continue
			}
			name := string(mm[1])
			i += len(mm[0]) - 1
			if mm[2][0] == '{' {
				stack = append(stack, frame{mod: name})
				pendingPath, pendingCfg = "", false
				continue
			}
			out = append(out, modDecl{name: name, path: pendingPath, cfg: pendingCfg, inline: inline()})
			pendingPath, pendingCfg = "", false
		case c == 'i' && (i == 0 || !isWordByte(clean[i-1])):
			if mm := includeCall.FindSubmatch(src[i:]); mm != nil {
				out = append(out, modDecl{include: string(mm[1]), inline: inline()})
				i += len(mm[0]) - 1
			}
		}
	}
	return out
}

func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// blankLiterals returns src with comments, string and character literals
// replaced by spaces (same length, so offsets into src stay valid; the
// literal's quotes are kept so that #[path = "…"] can be read from src).
func blankLiterals(src []byte) []byte {
	out := append([]byte(nil), src...)
	blank := func(from, to int) {
		for k := from; k < to && k < len(out); k++ {
			if out[k] != '\n' {
				out[k] = ' '
			}
		}
	}
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			blank(i, i+j)
			i += j
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			depth, j := 0, i
			for j < len(src) {
				if src[j] == '/' && j+1 < len(src) && src[j+1] == '*' {
					depth++
					j += 2
				} else if src[j] == '*' && j+1 < len(src) && src[j+1] == '/' {
					depth--
					j += 2
					if depth == 0 {
						break
					}
				} else {
					j++
				}
			}
			blank(i, j)
			i = j
		case c == 'r' && (i == 0 || !isWordByte(src[i-1]) || src[i-1] == 'b' && (i < 2 || !isWordByte(src[i-2]))) && i+1 < len(src) && (src[i+1] == '"' || src[i+1] == '#'):
			j := i + 1
			hashes := 0
			for j < len(src) && src[j] == '#' {
				hashes++
				j++
			}
			if j >= len(src) || src[j] != '"' {
				i++
				continue
			}
			end := bytes.Index(src[j+1:], append([]byte{'"'}, bytes.Repeat([]byte{'#'}, hashes)...))
			if end < 0 {
				end = len(src) - j - 1
			}
			stop := j + 1 + end + 1 + hashes
			blank(j+1, stop-1-hashes)
			i = stop
		case c == '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			blank(i+1, j)
			i = j + 1
		case c == '\'':
			// A character literal ('{', '\n', '\u{7b}') or a lifetime ('a).
			if i+2 < len(src) && src[i+1] == '\\' {
				j := i + 2
				for j < len(src) && src[j] != '\'' && src[j] != '\n' {
					j++
				}
				blank(i+1, j)
				i = j + 1
			} else if i+2 < len(src) && src[i+2] == '\'' {
				blank(i+1, i+2)
				i += 3
			} else if i+1 < len(src) && src[i+1] >= 0x80 {
				j := i + 1
				for j < len(src) && j < i+6 && src[j] != '\'' {
					j++
				}
				if j < len(src) && src[j] == '\'' {
					blank(i+1, j)
					i = j + 1
				} else {
					i++
				}
			} else {
				i++
			}
		default:
			i++
		}
	}
	return out
}
