package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
)

// pytestPython is the interpreter whose pytest lists the tests: Debian's,
// where python3-pytest and the packages measured are installed (not a
// pyenv shim that may be first on PATH). PYTEST_PYTHON overrides it.
const pytestPython = "/usr/bin/python3"

// pytestItem is one node id pytest lists, split into the declared test
// (path::Class::test) and its parameter id ("" when not parametrized).
type pytestItem struct {
	declared, param string
}

// splitNodeID splits "a/test_x.py::TestA::test_b[1-2]" into its declared
// test and parameter id. Ids may hold "::" and "[", the names before them
// never do.
func splitNodeID(id string) (pytestItem, bool) {
	sep := strings.Index(id, ".py::")
	if sep < 0 {
		return pytestItem{}, false
	}
	rest := id[sep+5:]
	if i := strings.IndexByte(rest, '['); i >= 0 && strings.HasSuffix(rest, "]") {
		return pytestItem{declared: id[:sep+5] + rest[:i], param: rest[i+1 : len(rest)-1]}, true
	}
	return pytestItem{declared: id}, true
}

var errorLine = regexp.MustCompile(`^_+ ERROR collecting (\S+\.py) _+$`)

// pytestCollect runs `pytest --collect-only -q` on dir and returns the
// items it lists and the test files it could not import (relative to dir).
func pytestCollect(dir string) ([]pytestItem, map[string]bool, error) {
	py := pytestInterpreter()
	plugin, err := os.MkdirTemp("", "testlens-pytest-where")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(plugin)
	whereFile := filepath.Join(plugin, "where.json")
	if err := os.WriteFile(filepath.Join(plugin, "testlens_where.py"), []byte(wherePlugin), 0o644); err != nil {
		return nil, nil, err
	}
	cmd := exec.Command(py, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-p", "testlens_where",
		"--continue-on-collection-errors", "--rootdir", dir, dir)
	// Not in dir itself: its modules (numpy/random) would shadow the
	// standard library's. Node ids are relative to --rootdir either way.
	cmd.Dir = filepath.Dir(dir)
	cmd.Env = append(os.Environ(), "PYTHONPATH="+plugin, "TESTLENS_WHERE="+whereFile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err = cmd.Run()
	var items []pytestItem
	failed := map[string]bool{}
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		line := sc.Text()
		if m := errorLine.FindStringSubmatch(line); m != nil {
			failed[filepath.ToSlash(m[1])] = true
			continue
		}
		if strings.HasPrefix(line, " ") || !strings.Contains(line, ".py::") {
			continue
		}
		if it, ok := splitNodeID(line); ok {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return nil, nil, fmt.Errorf("pytest listed nothing (%v): %s", err, tail(out.String(), 2000))
	}
	where := map[string]string{}
	if b, err := os.ReadFile(whereFile); err == nil {
		_ = json.Unmarshal(b, &where)
	}
	return declaredWhereWritten(dir, items, where), failed, nil
}

// wherePlugin records, for every collected test method of a class, the
// class whose body writes its function (from the compile-time __qualname__),
// when that class is another one of the same file.
const wherePlugin = `
import json, os, inspect
def pytest_collection_finish(session):
    out = {}
    for item in session.items:
        cls, fn = getattr(item, "cls", None), getattr(item, "function", None)
        if cls is None or fn is None:
            continue
        try:
            fn = inspect.unwrap(fn)
        except Exception:
            pass
        q, code = getattr(fn, "__qualname__", ""), getattr(fn, "__code__", None)
        if code is None or "." not in q or "<locals>" in q:
            continue
        writer = q.rsplit(".", 1)[0]
        if writer != cls.__qualname__ and os.path.abspath(code.co_filename) == os.path.abspath(str(item.path)):
            out[item.nodeid] = writer
    with open(os.environ["TESTLENS_WHERE"], "w") as f:
        json.dump(out, f)
`

// declaredWhereWritten renames the tests of classes the source does not
// write — built when the module is imported, such as numpy's
// Test_SIMD_BOOL_128_baseline_b8 from _SIMD_BOOL — after the class that
// writes the function: by the counting rule that is the one declared test
// they all run. Their case ids are kept once each.
func declaredWhereWritten(dir string, items []pytestItem, where map[string]string) []pytestItem {
	sources := map[string][]byte{}
	known := map[string]bool{} // file \t class → whether the file writes it
	written := func(file, class string) bool {
		k := file + "\t" + class
		if v, ok := known[k]; ok {
			return v
		}
		src, ok := sources[file]
		if !ok {
			src, _ = os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
			sources[file] = src
		}
		known[k] = regexp.MustCompile(`(?m)^\s*class\s+` + regexp.QuoteMeta(class) + `\b`).Match(src)
		return known[k]
	}
	seen := map[pytestItem]bool{}
	out := items[:0]
	for _, it := range items {
		id := it.declared
		if it.param != "" {
			id += "[" + it.param + "]"
		}
		if writer, ok := where[id]; ok {
			parts := strings.Split(it.declared, "::")
			if len(parts) == 3 && !written(parts[0], parts[1]) && written(parts[0], writer) {
				it.declared = parts[0] + "::" + writer + "::" + parts[2]
			}
		}
		if seen[it] {
			continue
		}
		seen[it] = true
		out = append(out, it)
	}
	return out
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// ourTest is one declared test of the inventory with its cases.
type ourTest struct {
	file     string
	line     int
	cases    []string // known case ids
	unknown  int      // cases named [i]: id not statically known
	expanded bool
	// condition is the test's Condition (a module's importorskip calls).
	condition string
}

// runPytest compares the inventory of dir with what pytest collects from it,
// per declared test and per case (DESIGN.md's counting rules). With
// ACCURACY_DETAILS=FILE it also writes every difference to FILE, one test a
// line.
func runPytest(dir string) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	collector, err := collectorPath()
	if err != nil {
		return err
	}
	items, failed, err := pytestCollect(dir)
	if err != nil {
		return err
	}
	doc, took, err := timedInventory(collector, dir)
	if err != nil {
		return err
	}

	// The runner's view: declared tests and their case ids.
	theirs := map[string][]string{} // declared → case ids (nil: not parametrized)
	theirFiles := map[string]int{}
	var declaredOrder []string
	for _, it := range items {
		if _, ok := theirs[it.declared]; !ok {
			declaredOrder = append(declaredOrder, it.declared)
			theirs[it.declared] = nil
		}
		if it.param != "" {
			theirs[it.declared] = append(theirs[it.declared], it.param)
		}
		theirFiles[fileOf(it.declared)]++
	}

	// The inventory's view, same keys.
	ours := map[string]*ourTest{}
	ourFiles := map[string]int{}
	reasons := map[string]string{} // every reported file → its skip reason
	frameworks := map[inventory.Framework]int{}
	excludedTests := 0
	for _, f := range doc.Files {
		if f.Language != inventory.LanguagePython {
			continue
		}
		if failed[f.Path] {
			excludedTests += len(f.Tests)
			continue
		}
		frameworks[f.Framework]++
		reasons[f.Path] = f.SkipReason
		for _, t := range f.Tests {
			switch t.Kind {
			case inventory.KindTest:
				k := strings.Join(append(append([]string{f.Path}, t.SuitePath...), t.Name), "::")
				if ours[k] == nil {
					ours[k] = &ourTest{file: f.Path, line: t.Line, condition: t.Condition}
				}
				ourFiles[f.Path]++
			case inventory.KindCase:
				if len(t.SuitePath) == 0 {
					continue
				}
				k := strings.Join(append([]string{f.Path}, t.SuitePath...), "::")
				o := ours[k]
				if o == nil {
					o = &ourTest{file: f.Path, line: t.Line}
					ours[k] = o
				}
				o.expanded = true
				fn := t.SuitePath[len(t.SuitePath)-1]
				if id, ok := strings.CutPrefix(t.Name, fn+"["); ok && strings.HasSuffix(id, "]") {
					o.cases = append(o.cases, id[:len(id)-1])
				} else {
					o.unknown++
				}
			}
		}
	}

	sources := sourceCache{dir: dir, files: map[string][]byte{}, reasons: reasons}
	var r pytestReport
	for _, k := range declaredOrder {
		params := theirs[k]
		r.theirDeclared++
		r.theirItems += max(len(params), 1)
		if len(params) > 0 {
			r.theirParametrized++
			r.theirCases += len(params)
		}
		o := ours[k]
		if o == nil {
			r.missingDeclared++
			cause := missingCause(k, ourFiles, &sources)
			r.cause("missing test: "+cause, k, max(len(params), 1))
			r.missingItems += max(len(params), 1)
			continue
		}
		r.matchedDeclared++
		if len(params) == 0 {
			if o.expanded {
				r.cause("extra cases: runner lists the test unparametrized", k, len(o.cases)+o.unknown)
				r.extraItems += len(o.cases) + o.unknown - 1
				r.matchedItems++
			} else {
				r.matchedItems++
			}
			continue
		}
		if !o.expanded {
			cause := "cases not expanded: " + unexpandedCause(o, &sources)
			r.cause(cause, k, len(params))
			r.missingItems += len(params)
			continue
		}
		want := map[string]int{}
		for _, p := range params {
			want[p]++
		}
		matched := 0
		for _, c := range o.cases {
			if want[c] > 0 {
				want[c]--
				matched++
			}
		}
		// Cases whose id is not statically known match by count.
		rest := len(params) - matched
		positional := min(rest, o.unknown)
		r.matchedCases += matched + positional
		r.matchedItems += matched + positional
		if miss := rest - positional; miss > 0 {
			r.missingItems += miss
			if len(o.cases) > matched {
				r.cause("case ids differ", k, miss)
			} else {
				r.cause("fewer cases than the runner", k, miss)
			}
		}
		if ex := len(o.cases) - matched + o.unknown - positional; ex > 0 {
			r.extraItems += ex
			if rest-positional > 0 {
				continue // counted with the differing ids
			}
			r.cause("more cases than the runner", k, ex)
		}
	}
	conditions := map[string]bool{}
	for _, o := range ours {
		if o.condition != "" {
			conditions[o.condition] = true
		}
	}
	holds, err := pythonConditions(conditions)
	if err != nil {
		return err
	}
	for k, o := range ours {
		if _, ok := theirs[k]; ok {
			if holds[o.condition] == conditionFalse {
				r.listedThoughFalse++
			}
			continue
		}
		n := max(len(o.cases)+o.unknown, 1)
		if holds[o.condition] == conditionFalse {
			r.extraFalseHere++
		}
		r.extraDeclared++
		r.extraItems += n
		cause := "not collected by pytest"
		if theirFiles[o.file] == 0 {
			cause = "in a file pytest collects nothing from"
		}
		r.cause("extra test: "+cause, k, n)
	}
	r.missingFiles = unreported(theirFiles, func(f string) bool { _, ok := reasons[f]; return ok })

	fmt.Printf("## pytest: %s\n\n", dir)
	fmt.Printf("`pytest --collect-only` lists %d items from %d files; %d files failed to import under pytest and are left out of both sides (the inventory has %d tests in them). Inventory: %s for the folder; frameworks assigned: %v.\n\n",
		len(items), len(theirFiles), len(failed), excludedTests, took.Round(time.Millisecond), frameworks)
	fmt.Println("| measure | runner | inventory matches | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	pct := func(miss, extra, total int) string {
		return strconv.FormatFloat(100*float64(miss+extra)/float64(max(total, 1)), 'f', 2, 64) + " %"
	}
	fmt.Printf("| declared tests | %d | %d | %d | %d | %s |\n", r.theirDeclared, r.matchedDeclared, r.missingDeclared, r.extraDeclared, pct(r.missingDeclared, r.extraDeclared, r.theirDeclared))
	fmt.Printf("| declared tests, for this configuration | %d | %d | %d | %d | %s |\n", r.theirDeclared, r.matchedDeclared, r.missingDeclared, r.extraDeclared-r.extraFalseHere, pct(r.missingDeclared, r.extraDeclared-r.extraFalseHere, r.theirDeclared))
	fmt.Printf("| cases (of %d parametrized tests) | %d | %d | | | |\n", r.theirParametrized, r.theirCases, r.matchedCases)
	fmt.Printf("| runner items (test or its cases) | %d | %d | %d | %d | %s |\n\n", r.theirItems, r.matchedItems, r.missingItems, r.extraItems, pct(r.missingItems, r.extraItems, r.theirItems))
	fmt.Printf("For this configuration: %d extra declared tests carry a condition that is false under %s (left out of that row); %d tests the runner lists carry one that is false; of %d distinct conditions, %d could not be evaluated (counted as holding).\n\n",
		r.extraFalseHere, pytestInterpreter(), r.listedThoughFalse, len(conditions), countConditions(holds, conditionUnknown))
	fmt.Printf("Test files pytest collects from that the inventory misses: %d %v. Files pytest could not import: %d %v.\n\n", len(r.missingFiles), r.missingFiles, len(failed), keys(failed))
	r.print()
	return writeDetails(r.details)
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// fileOf returns the path part of a declared test key.
func fileOf(k string) string {
	f, _, _ := strings.Cut(k, ".py::")
	return f + ".py"
}

// pytestReport holds the counts and the differences by cause.
type pytestReport struct {
	theirDeclared, theirParametrized, theirCases, theirItems int
	matchedDeclared, missingDeclared, extraDeclared          int
	matchedCases, matchedItems, missingItems, extraItems     int
	extraFalseHere, listedThoughFalse                        int // by the tests' conditions
	missingFiles                                             []string
	causes                                                   map[string]*causeRow
	details                                                  []string // cause, items, test: one line per test
}

type causeRow struct {
	items   int
	tests   int
	example string
}

func (r *pytestReport) cause(name, example string, items int) {
	if r.causes == nil {
		r.causes = map[string]*causeRow{}
	}
	c := r.causes[name]
	if c == nil {
		c = &causeRow{example: example}
		r.causes[name] = c
	}
	c.items += items
	c.tests++
	r.details = append(r.details, fmt.Sprintf("%s\t%d\t%s", name, items, example))
	if example < c.example {
		c.example = example
	}
}

func (r *pytestReport) print() {
	var names []string
	for n := range r.causes {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return r.causes[names[i]].items > r.causes[names[j]].items })
	fmt.Println("| cause | declared tests | runner items | example |\n| --- | --- | --- | --- |")
	for _, n := range names {
		c := r.causes[n]
		fmt.Printf("| %s | %d | %d | `%s` |\n", n, c.tests, c.items, c.example)
	}
}

// sourceCache reads test files once, for classifying differences.
// lineNote is the "(line N)" of a skip reason, left out to group causes.
var lineNote = regexp.MustCompile(` \(line \d+\)`)

type sourceCache struct {
	reasons map[string]string // reported files → skip reason
	dir     string
	files   map[string][]byte
}

func (s *sourceCache) get(rel string) []byte {
	if b, ok := s.files[rel]; ok {
		return b
	}
	b, _ := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(rel)))
	s.files[rel] = b
	return b
}

// missingCause says why a declared test pytest lists is not in the
// inventory: its file is missing, or the test is not defined in its file
// (inherited from a class of another module, or generated), or it is.
func missingCause(k string, ourFiles map[string]int, s *sourceCache) string {
	file := fileOf(k)
	if ourFiles[file] == 0 {
		if reason, reported := s.reasons[file]; reported {
			return "file reported with no tests: " + lineNote.ReplaceAllString(strings.SplitN(reason, ":", 2)[0], "")
		}
		return "file not in the inventory"
	}
	parts := strings.Split(k[len(file)+2:], "::")
	name := parts[len(parts)-1]
	src := s.get(file)
	if !regexp.MustCompile(`\bdef\s+` + regexp.QuoteMeta(name) + `\s*\(`).Match(src) {
		if len(parts) > 1 {
			return "method not defined in its file (inherited from another module, or generated)"
		}
		return "function not defined in its file (imported or generated)"
	}
	if len(parts) > 1 {
		return "defined in the file, class or inheritance not followed"
	}
	return "defined in the file, not found"
}

// unexpandedCause looks at the lines between the def of a test the runner
// parametrizes (and the inventory does not expand) and the definition before
// it: a parametrize decorator there means its arguments were not read.
func unexpandedCause(o *ourTest, s *sourceCache) string {
	lines := strings.Split(string(s.get(o.file)), "\n")
	for j := o.line - 2; j >= 0 && j >= o.line-200 && j < len(lines); j-- {
		t := strings.TrimSpace(lines[j])
		if strings.HasPrefix(t, "def ") || strings.HasPrefix(t, "async def ") || strings.HasPrefix(t, "class ") {
			break
		}
		if strings.Contains(t, "parametrize") {
			return "its parametrize arguments are not literals the reader follows"
		}
	}
	return "parametrized by a class or module mark, fixture params or a hook"
}

// pytestInterpreter is the Python that runs pytest: PYTEST_PYTHON or
// Debian's.
func pytestInterpreter() string {
	if v := os.Getenv("PYTEST_PYTHON"); v != "" {
		return v
	}
	return pytestPython
}

// pythonConditions evaluates each condition (module-level importorskip
// calls joined by "and") with the interpreter that runs pytest, as pytest
// would while importing the module: a skip is false, any other error
// unknown.
func pythonConditions(conditions map[string]bool) (map[string]conditionValue, error) {
	out := map[string]conditionValue{}
	if len(conditions) == 0 {
		return out, nil
	}
	list := slices.Sorted(maps.Keys(conditions))
	in, err := json.Marshal(list)
	if err != nil {
		return nil, err
	}
	const program = `
import json, sys, pytest
for cond in json.load(sys.stdin):
    try:
        eval(cond, {"pytest": pytest, "importorskip": pytest.importorskip})
        print("true")
    except pytest.skip.Exception:
        print("false")
    except BaseException:
        print("unknown")
`
	cmd := exec.Command(pytestInterpreter(), "-c", program)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("evaluating conditions: %v: %s", err, tail(stderr.String(), 2000))
	}
	answers := strings.Fields(string(stdout))
	if len(answers) != len(list) {
		return nil, fmt.Errorf("evaluating %d conditions printed %d answers: %s", len(list), len(answers), tail(string(stdout), 2000))
	}
	for i, c := range list {
		out[c] = map[string]conditionValue{"true": conditionTrue, "false": conditionFalse}[answers[i]]
	}
	return out, nil
}
