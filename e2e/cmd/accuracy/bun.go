package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// Bun's test runner (bun:test) has no list mode, but a name pattern (-t)
// that no title matches makes `bun test` load every test file and declare
// every suite and test (describe bodies run, as they do to declare) without
// running a test body or a hook, and its JUnit reporter then lists every
// declared test as skipped, inside the <testsuite> of each describe around
// it, with its file and the line of its declaration (no column). That list
// is written as a Jest-style report and compared like Jest's: the results of
// a test.each, or of one test in each describe.each instance, share their
// line and are one declared test.
//
// A second, ordinary run gives the runner's own statuses: a test it runs
// (passed or failed, test.failing included), one it skips (<skipped/>:
// test.skip, describe.skip, test.if(false), test.skipIf(true)) and a todo
// (<skipped message="TODO"/>: test.todo, describe.todo; without --todo Bun
// does not run their bodies). Each result is matched with the inventory's
// test or case of its full name (else a declared test at its line, or of
// its raw title) and the two statuses compared.
//
//	go run ./cmd/accuracy bun ROOT... [-- BUN_TEST_ARG ...]
//
// Each ROOT is a package (its dependencies installed) that `bun test` runs
// in; BUN_TEST_ARGs (file filters, --preload …) go to both runs. A file that
// does not load (Bun prints an unhandled error under its name and reports no
// test of it) is left out of both sides and counted. A file with test.only
// lists only its focused tests (and CI's `CI` variable would make Bun refuse
// it), so CI is left out of Bun's environment. With several ROOTs, each is
// reported in turn, then the statuses of all; ACCURACY_DETAILS gets the
// last ROOT's differences.
func init() {
	register("bun", "ROOT... [-- BUN_TEST_ARG ...]", 1, -1, runBun)
}

// bunJUnit is what `bun test --reporter=junit` writes: one <testsuite> per
// file, nested <testsuite>s for describe blocks, <testcase>s in either.
type bunJUnit struct {
	Suites []bunJUnitSuite `xml:"testsuite"`
}

type bunJUnitSuite struct {
	Name   string          `xml:"name,attr"`
	File   string          `xml:"file,attr"`
	Line   int             `xml:"line,attr"`
	Suites []bunJUnitSuite `xml:"testsuite"`
	Cases  []bunJUnitCase  `xml:"testcase"`
}

type bunJUnitCase struct {
	Name    string `xml:"name,attr"`
	File    string `xml:"file,attr"`
	Line    int    `xml:"line,attr"`
	Skipped *struct {
		Message string `xml:"message,attr"`
	} `xml:"skipped"`
	Failure *struct{} `xml:"failure"`
}

// bunResult is one <testcase>: its file (relative to the root), the
// describe titles around it, and the runner's status (passed, failed,
// pending for skipped, todo).
type bunResult struct {
	file   string
	suite  []string
	title  string
	line   int
	status string
}

func runBun(args []string) error {
	roots, bunArgs := args, []string(nil)
	for i, a := range args {
		if a == "--" {
			roots, bunArgs = args[:i], args[i+1:]
			break
		}
	}
	if len(roots) == 0 {
		return fmt.Errorf("usage: accuracy bun %s", modes["bun"].usage)
	}
	bun, err := exec.LookPath("bun")
	if err != nil {
		return err
	}
	var total cargoReport
	for _, root := range roots {
		st, err := runBunRoot(bun, root, bunArgs)
		if err != nil {
			return fmt.Errorf("%s: %w", root, err)
		}
		total.add(st)
	}
	if len(roots) > 1 {
		fmt.Printf("## bun: statuses over %d packages\n\n", len(roots))
		printBunStatuses(&total)
	}
	return nil
}

// runBunRoot lists and runs root's tests, compares the list with the
// inventory (compareJS) and the statuses of the ordinary run, and returns
// the statuses' comparison.
func runBunRoot(bun, root string, bunArgs []string) (*cargoReport, error) {
	root, collector, err := locate(root)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "accuracy-bun-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)

	list, failed, err := bunTest(bun, root, filepath.Join(dir, "list.xml"), append([]string{"-t", matchesNoTitle}, bunArgs...))
	if err != nil {
		return nil, err
	}
	report := filepath.Join(dir, "report.json")
	if err := writeBunReport(root, list, failed, report); err != nil {
		return nil, err
	}
	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return nil, err
	}
	if err := compareJS("bun", root, []string{report}, doc, took); err != nil {
		return nil, err
	}

	ran, _, err := bunTest(bun, root, filepath.Join(dir, "run.xml"), bunArgs)
	if err != nil {
		return nil, err
	}
	st := compareBunStatuses(root, list, ran, failed, doc)
	fmt.Printf("\nStatuses, `bun test` run as is (%d results; a result the listing has and the run does not, under a describe whose beforeAll failed, is left out):\n\n", len(ran))
	printBunStatuses(st)
	return st, nil
}

// bunTest runs `bun test --reporter=junit` in root and returns its results,
// and the files that did not load: Bun prints an unhandled error under the
// file's name and lists none of its tests.
func bunTest(bun, root, out string, args []string) ([]bunResult, map[string]bool, error) {
	cmd := exec.Command(bun, append([]string{"test", "--reporter=junit", "--reporter-outfile=" + out}, args...)...)
	cmd.Dir = root
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "CI=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	console, runErr := cmd.CombinedOutput() // failing tests, and no test matching -t, exit 1
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, nil, fmt.Errorf("bun test wrote no report (%v): %s", runErr, tail(string(console), 2000))
	}
	var rep bunJUnit
	if err := xml.Unmarshal(b, &rep); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", out, err)
	}
	var results []bunResult
	var walk func(s bunJUnitSuite, titles []string)
	walk = func(s bunJUnitSuite, titles []string) {
		for _, c := range s.Cases {
			if c.Line == 0 {
				// A hook that failed is reported as a test named
				// "(unnamed)" without a line, instead of the tests it
				// guards: not a declared test.
				fmt.Fprintf(os.Stderr, "bun: %s: a hook failed in %q\n", c.File, strings.Join(titles, " > "))
				continue
			}
			r := bunResult{file: bunRel(root, c.File), suite: append([]string{}, titles...), title: c.Name, line: c.Line, status: "passed"}
			switch {
			case c.Skipped != nil && c.Skipped.Message == "TODO":
				r.status = "todo"
			case c.Skipped != nil:
				r.status = "pending"
			case c.Failure != nil:
				r.status = "failed"
			}
			results = append(results, r)
		}
		for _, c := range s.Suites {
			walk(c, append(titles, c.Name))
		}
	}
	listed := map[string]bool{}
	for _, s := range rep.Suites {
		walk(s, nil) // the top suites are the files
		listed[bunRel(root, s.File)] = len(s.Cases)+len(s.Suites) > 0
	}
	failed := map[string]bool{}
	for f := range bunErrored(root, console) {
		if !listed[f] {
			failed[f] = true
		} else {
			fmt.Fprintf(os.Stderr, "bun: %s: an unhandled error between its tests (its tests are listed)\n", f)
		}
	}
	return results, failed, nil
}

// bunRel is a file of Bun's report relative to root, slash-separated.
func bunRel(root, file string) string {
	if filepath.IsAbs(file) {
		if rel, err := filepath.Rel(root, file); err == nil {
			file = rel
		}
	}
	return filepath.ToSlash(file)
}

// bunErrorLine is what Bun prints, under the name of the file running, for
// an error outside any test: a file that throws while it loads, or a
// rejection between its tests.
const bunErrorLine = "# Unhandled error between tests"

// bunErrored reads Bun's console output for the files under whose name an
// unhandled error is printed. Bun prints each file's path relative to its
// working directory, followed by a colon, before its results.
func bunErrored(root string, console []byte) map[string]bool {
	errored := map[string]bool{}
	current := ""
	sc := bufio.NewScanner(bytes.NewReader(console))
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		if name, ok := strings.CutSuffix(line, ":"); ok && name != "" && !strings.ContainsAny(name[:1], " \t") {
			if st, err := os.Stat(filepath.Join(root, filepath.FromSlash(name))); err == nil && !st.IsDir() {
				current = filepath.ToSlash(name)
				continue
			}
		}
		if strings.TrimSpace(line) == bunErrorLine && current != "" {
			errored[current] = true
		}
	}
	return errored
}

// writeBunReport writes the listing as a Jest-style report: one result per
// listed test, under the titles of its describe blocks, at its line (no
// column), and the files that did not load as failed files.
func writeBunReport(root string, results []bunResult, failed map[string]bool, path string) error {
	byFile := map[string]*jsFileResult{}
	var out []*jsFileResult
	for _, r := range results {
		tr := byFile[r.file]
		if tr == nil {
			tr = &jsFileResult{Name: filepath.Join(root, filepath.FromSlash(r.file)), Status: "passed"}
			byFile[r.file] = tr
			out = append(out, tr)
		}
		tr.AssertionResults = append(tr.AssertionResults, jsAssertion{AncestorTitles: r.suite, Title: r.title, Status: r.status, Location: &jsLocation{Line: r.line}})
	}
	for _, f := range keys(failed) {
		out = append(out, &jsFileResult{Name: filepath.Join(root, filepath.FromSlash(f)), Status: "failed", AssertionResults: []jsAssertion{}})
	}
	b, err := json.Marshal(map[string]any{"testResults": out})
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// bunStatus is how the runner treats a test: runs it, skips it, or lists
// it as a todo.
func bunStatus(runner string) string {
	switch runner {
	case "pending":
		return "skipped"
	case "todo":
		return "todo"
	}
	return "runs"
}

// bunSourceStatus is what the inventory's status means for the runner:
// active, focused and xfail (test.failing) tests run.
func bunSourceStatus(s inventory.TestStatus) string {
	switch s {
	case inventory.TestSkipped:
		return "skipped"
	case inventory.TestTodo:
		return "todo"
	}
	return "runs"
}

// bunRunTimeCondition is a test or describe skipped, run or made a todo by
// a condition evaluated at run time: test.if, test.skipIf, test.todoIf and
// their describe forms.
var bunRunTimeCondition = regexp.MustCompile(`\.(if|skipIf|todoIf|runIf)\s*\(`)

// bunOurTest is a declared test of the inventory, for its status.
type bunOurTest struct {
	jsDeclared
	status inventory.TestStatus
}

// compareBunStatuses compares the statuses of the ordinary run's results
// with the inventory's statuses of the same tests: the test or case of the
// result's full name, else a declared test at the result's line whose raw
// titles match it, else the only test declared at that line (a helper's
// test, under the describe of each caller), else the first declared test of
// the file whose raw titles match it.
func compareBunStatuses(root string, listed, ran []bunResult, failed map[string]bool, doc inventory.Document) *cargoReport {
	byName := map[string]inventory.TestStatus{} // file + full name of a test or case
	byLine := map[string][]*bunOurTest{}        // file:line → declared tests
	byFile := map[string][]*bunOurTest{}
	suiteLines := map[string]int{} // file + suite path → line
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageJavaScript && f.Language != inventory.LanguageTypeScript {
			continue
		}
		for _, s := range f.Suites {
			suiteLines[f.Path+sep+strings.Join(s.Path, sep)] = s.Line
		}
		for _, t := range f.Tests {
			switch {
			case t.Kind == inventory.KindTest:
				byName[f.Path+sep+fullName(t.SuitePath, t.Name)] = t.Status
				d := &bunOurTest{jsDeclared{file: f.Path, suite: t.SuitePath, name: t.Name, line: t.Line}, t.Status}
				k := fmt.Sprintf("%s:%d", f.Path, t.Line)
				byLine[k] = append(byLine[k], d)
				byFile[f.Path] = append(byFile[f.Path], d)
			case t.Kind == inventory.KindCase && len(t.SuitePath) > 0:
				// A case's path ends with its test's name: the runner names
				// it in the test's place.
				byName[f.Path+sep+fullName(t.SuitePath[:len(t.SuitePath)-1], t.Name)] = t.Status
			}
		}
	}
	ourStatus := func(r bunResult) (inventory.TestStatus, bool) {
		if s, ok := byName[r.file+sep+fullName(r.suite, r.title)]; ok {
			return s, true
		}
		jr := jsResult{suite: r.suite, title: r.title}
		at := byLine[fmt.Sprintf("%s:%d", r.file, r.line)]
		for _, d := range at {
			if d.matches(jr) {
				return d.status, true
			}
		}
		if len(at) == 1 {
			return at[0].status, true
		}
		for _, d := range byFile[r.file] {
			if d.matches(jr) {
				return d.status, true
			}
		}
		return "", false
	}
	sources := sourceCache{dir: root, files: map[string][]byte{}}
	// runTimeCondition reports whether the line of r, or of a describe
	// around it, calls .if, .skipIf, .todoIf or .runIf.
	runTimeCondition := func(r bunResult) bool {
		lines := strings.Split(string(sources.get(r.file)), "\n")
		at := []int{r.line}
		for i := range r.suite {
			at = append(at, suiteLines[r.file+sep+strings.Join(r.suite[:i+1], sep)])
		}
		for _, n := range at {
			if n > 0 && n <= len(lines) && bunRunTimeCondition.MatchString(lines[n-1]) {
				return true
			}
		}
		return false
	}
	where := func(r bunResult) string {
		return r.file + " > " + strings.Join(append(append([]string{}, r.suite...), r.title), " > ") + fmt.Sprintf(" (line %d)", r.line)
	}
	st := &cargoReport{}
	seen := map[string]int{}
	for _, r := range ran {
		if failed[r.file] {
			continue
		}
		seen[r.file+sep+fullName(r.suite, r.title)+fmt.Sprintf("%s%d", sep, r.line)]++
		ours, ok := ourStatus(r)
		if !ok {
			st.cause("status not compared: no inventory test of this name or at this line", where(r))
			continue
		}
		st.runner++
		theirs, mine := bunStatus(r.status), bunSourceStatus(ours)
		if theirs == mine {
			st.found++
			continue
		}
		if theirs == "runs" {
			st.extra++
		} else {
			st.missing++
		}
		cause := "status: runner " + theirs + ", inventory " + string(ours)
		if runTimeCondition(r) {
			cause += " (a condition evaluated at run time: test.if / skipIf, or a describe's)"
		}
		st.cause(cause, where(r))
	}
	// Listed tests the ordinary run does not report: a hook failed.
	for _, r := range listed {
		k := r.file + sep + fullName(r.suite, r.title) + fmt.Sprintf("%s%d", sep, r.line)
		if seen[k] > 0 {
			seen[k]--
			continue
		}
		if !failed[r.file] {
			st.cause("status not compared: listed, not reported by the ordinary run (a beforeAll failed, or the run stopped)", where(r))
		}
	}
	return st
}

func printBunStatuses(st *cargoReport) {
	fmt.Println("| results compared | same status | runner skips or lists a todo, inventory differs | runner runs, inventory skipped or todo | difference |\n| --- | --- | --- | --- | --- |")
	fmt.Printf("| %d | %d | %d | %d | %.2f %% |\n\n", st.runner, st.found, st.missing, st.extra, 100*float64(st.missing+st.extra)/float64(max(st.runner, 1)))
	if len(st.causes) > 0 {
		st.print()
		fmt.Println()
	}
}
