package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
)

// JavaScript: Vitest and Jest both write the same JSON report
// (testResults[].assertionResults[] with ancestorTitles, title and, when
// asked for, location). The runner runs the tests to name them (Jest has no
// listing of test names; Vitest 5's `list` parses statically by default and
// does not expand .each), so the comparison reads a report:
//
//	go run ./cmd/accuracy vitest ROOT [REPORT.json ...]
//	go run ./cmd/accuracy jest ROOT [REPORT.json ...]
//
// ROOT is the folder whose inventory is compared; without REPORT the runner
// is run in ROOT (`npx vitest run --reporter=json --includeTaskLocation` or
// `npx jest --json --testLocationInResults`). With reports (for a monorepo:
// one per package, written by the package's own test command with those
// flags), their absolute file paths are read relative to ROOT.
//
// Declared tests: the runner's results grouped by source location (file,
// line, column) are the tests declared in source: the cases of an .each, or
// the tests of a describe.each instance, share one location. A group is
// found when one of its results has the full name (describe path + title) of
// an inventory test or case, or, failing that, when an inventory test's raw
// title (placeholders %s, $name, ${…} read as wildcards) matches a result's
// title under the same suite path. Items: each result against the
// inventory's tests without cases and its cases, by full name.

// jsResult is one test result of a Jest/Vitest JSON report.
type jsResult struct {
	file      string // relative to the root, slash-separated
	suite     []string
	title     string
	status    string
	line, col int
}

type jsReport struct {
	// Conditions: what the runner's process says of the inventory's test
	// conditions (the Mocha lister's; Jest and Vitest reports have none).
	Conditions  map[string]*bool `json:"conditions"`
	TestResults []jsFileResult   `json:"testResults"`
}

// jsFileResult is one file of a Jest-style report; the modes whose runner
// lists tests otherwise (Playwright, Bun) write their lists in this shape.
type jsFileResult struct {
	Name             string        `json:"name"`
	Status           string        `json:"status"`
	Message          string        `json:"message,omitempty"`
	AssertionResults []jsAssertion `json:"assertionResults"`
}

// jsAssertion is one test result of a jsFileResult.
type jsAssertion struct {
	AncestorTitles []string    `json:"ancestorTitles"`
	Title          string      `json:"title"`
	Status         string      `json:"status"`
	Location       *jsLocation `json:"location"`
}

type jsLocation struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// runnerReport runs the runner in root and returns the report's path.
func runnerReport(runner, root string) (string, error) {
	out, err := os.CreateTemp("", "accuracy-*.json")
	if err != nil {
		return "", err
	}
	out.Close()
	var cmd *exec.Cmd
	if runner == "vitest" {
		cmd = exec.Command("npx", "vitest", "run", "--reporter=json", "--includeTaskLocation", "--outputFile="+out.Name())
	} else {
		cmd = exec.Command("npx", "jest", "--json", "--testLocationInResults", "--outputFile="+out.Name())
	}
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CI=true")
	b, err := cmd.CombinedOutput()
	if st, _ := os.Stat(out.Name()); st == nil || st.Size() == 0 {
		return "", fmt.Errorf("%s wrote no report (%v): %s", runner, err, tail(string(b), 2000))
	}
	return out.Name(), nil // failing tests do not matter: they are listed
}

// readJSReports reads the results of the reports, and the test files the
// runner could not load (relative to root).
func readJSReports(root string, paths []string) ([]jsResult, map[string]bool, map[string]conditionValue, error) {
	var results []jsResult
	failed := map[string]bool{}
	conds := map[string]conditionValue{}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, nil, nil, err
		}
		var rep jsReport
		if err := json.Unmarshal(b, &rep); err != nil {
			return nil, nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		for c, v := range rep.Conditions {
			switch {
			case v == nil:
				conds[c] = max(conds[c], conditionUnknown)
			case *v:
				conds[c] = max(conds[c], conditionTrue)
			default:
				conds[c] = max(conds[c], conditionFalse)
			}
		}
		for _, tr := range rep.TestResults {
			rel, err := filepath.Rel(root, tr.Name)
			if err != nil || strings.HasPrefix(rel, "..") {
				return nil, nil, nil, fmt.Errorf("%s: test file %s is outside %s", p, tr.Name, root)
			}
			rel = filepath.ToSlash(rel)
			if len(tr.AssertionResults) == 0 && tr.Status == "failed" {
				failed[rel] = true
				continue
			}
			for _, a := range tr.AssertionResults {
				r := jsResult{file: rel, suite: a.AncestorTitles, title: a.Title, status: a.Status}
				if a.Location != nil {
					r.line, r.col = a.Location.Line, a.Location.Column
				}
				results = append(results, r)
			}
		}
	}
	return results, failed, conds, nil
}

// jsDeclared is one declared test of the inventory with its cases.
type jsDeclared struct {
	file    string
	suite   []string
	name    string
	line    int
	cond    string
	cases   []string // full names
	matched bool
	pattern *regexp.Regexp // title with placeholders as wildcards, built on first use
}

const sep = "\x1f"

func fullName(suite []string, title string) string {
	return strings.Join(append(append([]string{}, suite...), title), sep)
}

// placeholder is what Jest and Vitest replace in an .each title: printf
// verbs, $name / $a.b / $0 interpolation, and a template literal's ${…}.
var placeholder = regexp.MustCompile(`%[sdifjopO#%]|\$\{[^}]*\}|\$[A-Za-z_0-9][\w.]*`)

// titlePattern reads a raw title as a pattern over the runner's titles.
func titlePattern(raw string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, m := range placeholder.FindAllStringIndex(raw, -1) {
		b.WriteString(regexp.QuoteMeta(raw[last:m[0]]))
		b.WriteString("(?s:.*)")
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(raw[last:]))
	b.WriteString("$")
	re, err := regexp.Compile(b.String())
	if err != nil {
		return regexp.MustCompile("^" + regexp.QuoteMeta(raw) + "$")
	}
	return re
}

func (d *jsDeclared) matches(r jsResult) bool {
	if len(d.suite) != len(r.suite) {
		return false
	}
	for i := range d.suite {
		if d.suite[i] != r.suite[i] && !titlePattern(d.suite[i]).MatchString(r.suite[i]) {
			return false
		}
	}
	if d.pattern == nil {
		d.pattern = titlePattern(d.name)
	}
	return d.pattern.MatchString(r.title)
}

// runJS compares the inventory of root with the runner's report(s).
func runJS(runner, root string, reports []string) error {
	root, collector, err := locate(root)
	if err != nil {
		return err
	}
	if len(reports) == 0 {
		p, err := runnerReport(runner, root)
		if err != nil {
			return err
		}
		defer os.Remove(p)
		reports = []string{p}
	}
	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	return compareJS(runner, root, reports, doc, took)
}

// compareJS compares doc, the inventory of root (an absolute path) that
// took so long, with the runner's reports.
func compareJS(runner, root string, reports []string, doc inventory.Document, took time.Duration) error {
	results, failed, conds, err := readJSReports(root, reports)
	if err != nil {
		return err
	}

	// The inventory's view.
	declared := map[string][]*jsDeclared{} // file → declared tests
	byName := map[string][]*jsDeclared{}   // file + full name of a test or case → the declared tests of that name
	items := map[string]int{}              // file + full name of a test without cases, or of a case → count
	frameworks := map[inventory.Framework]int{}
	ourFiles := map[string]int{}
	// reported holds every file the inventory lists, with the reason when it
	// lists no test (a file whose tests a generator of another module makes).
	reported := map[string]string{}
	excluded := 0
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageJavaScript && f.Language != inventory.LanguageTypeScript {
			continue
		}
		reported[f.Path] = f.SkipReason
		if failed[f.Path] {
			excluded += len(f.Tests)
			continue
		}
		frameworks[f.Framework]++
		// Tests of one name can be declared twice in a suite (two loops
		// over two tables, each titled value.title): a case belongs to the
		// last one declared at or before its line.
		owners := map[string][]*jsDeclared{}
		for _, t := range f.Tests {
			if t.Kind != inventory.KindTest {
				continue
			}
			d := &jsDeclared{file: f.Path, suite: t.SuitePath, name: t.Name, line: t.Line, cond: t.Condition}
			declared[f.Path] = append(declared[f.Path], d)
			owners[fullName(t.SuitePath, t.Name)] = append(owners[fullName(t.SuitePath, t.Name)], d)
			ourFiles[f.Path]++
		}
		for _, t := range f.Tests {
			if t.Kind != inventory.KindCase || len(t.SuitePath) == 0 {
				continue
			}
			// A case's path ends with its test's name (an .each row takes
			// the test's place), or with a group the runner adds below it
			// (RuleTester's valid and invalid), which its full name keeps.
			owner := func(path []string) *jsDeclared {
				var d *jsDeclared
				for _, o := range owners[strings.Join(path, sep)] {
					if o.line <= t.Line && (d == nil || o.line > d.line) {
						d = o
					}
				}
				return d
			}
			if d := owner(t.SuitePath); d != nil {
				d.cases = append(d.cases, fullName(t.SuitePath[:len(t.SuitePath)-1], t.Name))
			} else if d := owner(t.SuitePath[:len(t.SuitePath)-1]); d != nil && len(t.SuitePath) >= 2 {
				d.cases = append(d.cases, fullName(t.SuitePath, t.Name))
			}
		}
		for _, d := range declared[f.Path] {
			if len(d.cases) == 0 {
				k := f.Path + sep + fullName(d.suite, d.name)
				items[k]++
				byName[k] = append(byName[k], d)
			}
			for _, c := range d.cases {
				k := f.Path + sep + c
				items[k]++
				byName[k] = append(byName[k], d)
			}
		}
	}

	// The runner's declared tests: results grouped by location.
	groups, _ := groupByLocation(results, func(i int, r jsResult) string {
		if r.line == 0 {
			return r.file + "#" + strconv.Itoa(i) // no location: each result alone
		}
		return r.file + ":" + strconv.Itoa(r.line) + ":" + strconv.Itoa(r.col)
	})
	theirFiles := map[string]int{}
	for _, g := range groups {
		theirFiles[g.items[0].file]++
	}

	sources := sourceCache{dir: root, files: map[string][]byte{}}
	var rep pytestReport
	var eachGroups, eachResults int
	for _, g := range groups {
		rep.theirDeclared++
		if len(g.items) > 1 {
			eachGroups++
			eachResults += len(g.items)
		}
		var found []*jsDeclared
		for _, r := range g.items {
			if d := sameName(byName[r.file+sep+fullName(r.suite, r.title)], r.line); d != nil {
				found = append(found, d)
			}
		}
		if len(found) == 0 {
			for _, d := range declared[g.items[0].file] {
				if !d.matched && d.matches(g.items[0]) {
					found = append(found, d)
					break
				}
			}
		}
		if len(found) == 0 {
			// A title the inventory cannot know (a loop variable): the
			// declaration at the runner's location.
			for _, d := range declared[g.items[0].file] {
				if !d.matched && d.line == g.items[0].line {
					found = append(found, d)
					rep.cause("found by location: title not static in source", d.file+" > "+strings.Join(append(append([]string{}, d.suite...), d.name), " > ")+fmt.Sprintf(" (line %d)", d.line), len(g.items))
					break
				}
			}
		}
		if len(found) == 0 {
			rep.missingDeclared++
			r := g.items[0]
			rep.cause("missing test: "+jsMissingCause(r, ourFiles, reported, &sources), r.file+" > "+strings.Join(append(append([]string{}, r.suite...), r.title), " > ")+fmt.Sprintf(" (line %d, %d results)", r.line, len(g.items)), len(g.items))
			continue
		}
		rep.matchedDeclared++
		falseHere := true
		for _, d := range found {
			d.matched = true
			falseHere = falseHere && conds[d.cond] == conditionFalse && d.cond != ""
		}
		if falseHere {
			rep.listedThoughFalse++
		}
	}
	for _, f := range sortedKeys(declared) {
		if theirFiles[f] == 0 {
			continue // no report covers it: listed below, not counted
		}
		for _, d := range declared[f] {
			if d.matched {
				continue
			}
			rep.extraDeclared++
			if d.cond != "" && conds[d.cond] == conditionFalse {
				rep.extraFalseHere++
			}
			cause := "not run by the runner"
			if theirFiles[d.file] == 0 {
				cause = "in a file the runner runs no test from"
			}
			rep.cause("extra test: "+cause, d.file+" > "+strings.Join(append(append([]string{}, d.suite...), d.name), " > ")+fmt.Sprintf(" (line %d)", d.line), max(len(d.cases), 1))
		}
	}

	// Items: every result against the inventory's tests and cases by name.
	left := map[string]int{}
	for k, n := range items {
		left[k] = n
	}
	for _, r := range results {
		rep.theirItems++
		k := r.file + sep + fullName(r.suite, r.title)
		if left[k] > 0 {
			left[k]--
			rep.matchedItems++
			continue
		}
		rep.missingItems++
	}
	for k, n := range left {
		if f, _, _ := strings.Cut(k, sep); theirFiles[f] > 0 {
			rep.extraItems += n
		}
	}
	for f := range theirFiles {
		if _, ok := reported[f]; !ok {
			rep.missingFiles = append(rep.missingFiles, f)
		}
	}
	sort.Strings(rep.missingFiles)
	var uncovered []string
	for f, n := range ourFiles {
		if theirFiles[f] == 0 && !failed[f] {
			uncovered = append(uncovered, fmt.Sprintf("%s (%d)", f, n))
		}
	}
	sort.Strings(uncovered)

	fmt.Printf("## %s: %s\n\n", runner, root)
	fmt.Printf("The runner reports %d results from %d files (%d declared tests by location; %d of them with several results, %d results); %d files failed to load and are left out of both sides (the inventory has %d tests in them). Inventory: %s for the folder; frameworks assigned: %v.\n\n",
		len(results), len(theirFiles), rep.theirDeclared, eachGroups, eachResults, len(failed), excluded, took.Round(time.Millisecond), frameworks)
	fmt.Println("| measure | runner | inventory matches | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	pct := func(miss, extra, total int) string {
		return strconv.FormatFloat(100*float64(miss+extra)/float64(max(total, 1)), 'f', 2, 64) + " %"
	}
	fmt.Printf("| declared tests | %d | %d | %d | %d | %s |\n", rep.theirDeclared, rep.matchedDeclared, rep.missingDeclared, rep.extraDeclared, pct(rep.missingDeclared, rep.extraDeclared, rep.theirDeclared))
	if len(conds) > 0 {
		// For this configuration: a declared test whose condition the
		// runner's process finds false should not be listed (counted missing
		// if it is) nor be in the inventory's count (not extra if it is not).
		fmt.Printf("| declared tests, for this configuration (%d conditions: %d true, %d false, %d undecided, counted as holding) | %d | %d | %d | %d | %s |\n",
			len(conds), countConditions(conds, conditionTrue), countConditions(conds, conditionFalse), countConditions(conds, conditionUnknown),
			rep.theirDeclared, rep.matchedDeclared-rep.listedThoughFalse, rep.missingDeclared+rep.listedThoughFalse, rep.extraDeclared-rep.extraFalseHere,
			pct(rep.missingDeclared+rep.listedThoughFalse, rep.extraDeclared-rep.extraFalseHere, rep.theirDeclared))
	}
	fmt.Printf("| runner results (a test or each case), by full name | %d | %d | %d | %d | %s |\n\n", rep.theirItems, rep.matchedItems, rep.missingItems, rep.extraItems, pct(rep.missingItems, rep.extraItems, rep.theirItems))
	fmt.Printf("Test files the runner runs that the inventory misses: %d %v. Files that failed to load: %d %v. Inventory files no report covers (tests): %d %v.\n\n",
		len(rep.missingFiles), rep.missingFiles, len(failed), keys(failed), len(uncovered), uncovered)
	rep.print()
	if os.Getenv("ACCURACY_DETAILS") != "" {
		var extra []string
		for k, n := range left {
			if f, _, _ := strings.Cut(k, sep); n > 0 && theirFiles[f] > 0 {
				extra = append(extra, fmt.Sprintf("extra result\t%d\t%s", n, strings.ReplaceAll(k, sep, " > ")))
			}
		}
		for _, r := range results {
			k := r.file + sep + fullName(r.suite, r.title)
			if items[k] == 0 {
				extra = append(extra, fmt.Sprintf("missing result\t1\t%s", strings.ReplaceAll(k, sep, " > ")))
			}
		}
		return writeDetails(append(rep.details, extra...))
	}
	return nil
}

// sameName picks, among the declared tests of one name, the one a result
// declared at line stands for: a test written twice under one title (a
// copy-pasted `it`) is two declared tests, so an unmatched one on that line
// first, then any unmatched one, then the first.
func sameName(named []*jsDeclared, line int) *jsDeclared {
	if len(named) == 0 {
		return nil
	}
	for _, d := range named {
		if !d.matched && d.line == line {
			return d
		}
	}
	for _, d := range named {
		if !d.matched {
			return d
		}
	}
	return named[0]
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// jsMissingCause says why a test the runner reports is not in the
// inventory, from the source line at its location.
func jsMissingCause(r jsResult, ourFiles map[string]int, reported map[string]string, s *sourceCache) string {
	if ourFiles[r.file] == 0 {
		if why, ok := reported[r.file]; ok {
			return "file in the inventory without tests (" + why + ")"
		}
		return "file not in the inventory"
	}
	if r.line == 0 {
		return "no location in the report"
	}
	lines := strings.Split(string(s.get(r.file)), "\n")
	if r.line > len(lines) {
		return "location outside its file"
	}
	text := lines[r.line-1]
	if r.col > 0 && r.col <= len(text) {
		text = text[r.col-1:]
	}
	if strings.Contains(text, r.title) {
		return "declared in its file with this title, not found"
	}
	return "title computed at run time (not in the source at the location)"
}
