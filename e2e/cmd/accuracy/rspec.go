package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
)

// RSpec: `rspec --dry-run --format json` lists every example with its
// full_description and the source location of its `it` (file_path,
// line_number); an example of a shared group has the location where the
// shared example is written and an id under the file that includes it.
//
//	go run ./cmd/accuracy rspec ROOT [REPORT.json]
//
// ROOT is the folder rspec runs in (its ./spec/… paths are relative to
// it); without REPORT, `rspec --dry-run --format json` is run there (rspec
// reads extra options from SPEC_OPTS, e.g. SPEC_OPTS="-I lib -I ext").
//
// Declared tests: the runner's examples grouped by location (file, line): an
// example written once in source is one declared test however many times
// a loop or it_behaves_like runs it. A group is found when the inventory
// has a declared test at that location; its name is checked against the
// example's full_description when the location holds one example of the
// file itself. Items: each example against the inventory's declared test
// (or its cases) at its location, by count.
//
// For this configuration: the declared tests again, with only the
// inventory's tests whose Condition holds, as the real ruby says once the
// suite is loaded the way the dry run loads it (rbcond.go).

// rspecExample is one example of a dry run.
type rspecExample struct {
	idFile string // the spec file the example runs in (its id's file)
	file   string // where the `it` is written
	line   int
	full   string
}

type rspecReportJSON struct {
	Messages []string `json:"messages"`
	Examples []struct {
		ID              string `json:"id"`
		FullDescription string `json:"full_description"`
		FilePath        string `json:"file_path"`
		LineNumber      int    `json:"line_number"`
	} `json:"examples"`
	SummaryLine string `json:"summary_line"`
}

var rspecLoadError = regexp.MustCompile(`An error occurred while loading (\S+?)\.?(?:\s|\\n|$)`)

// rspecReport runs a dry run in root and returns the report's path.
func rspecReport(root string) (string, error) {
	out, err := os.CreateTemp("", "accuracy-*.json")
	if err != nil {
		return "", err
	}
	out.Close()
	cmd := exec.Command("rspec", "--dry-run", "--format", "json", "--out", out.Name())
	cmd.Dir = root
	b, err := cmd.CombinedOutput()
	if st, _ := os.Stat(out.Name()); st == nil || st.Size() == 0 {
		return "", fmt.Errorf("rspec wrote no report (%v): %s", err, tail(string(b), 2000))
	}
	return out.Name(), nil
}

func relSpecPath(p string) string { return path.Clean(strings.TrimPrefix(p, "./")) }

func readRSpecReport(p string) ([]rspecExample, map[string]bool, string, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, nil, "", err
	}
	var rep rspecReportJSON
	if err := json.Unmarshal(b, &rep); err != nil {
		return nil, nil, "", fmt.Errorf("%s: %w", p, err)
	}
	failed := map[string]bool{}
	for _, m := range rep.Messages {
		for _, sub := range rspecLoadError.FindAllStringSubmatch(m, -1) {
			failed[relSpecPath(sub[1])] = true
		}
	}
	var out []rspecExample
	for _, e := range rep.Examples {
		idFile, _, _ := strings.Cut(e.ID, "[")
		out = append(out, rspecExample{idFile: relSpecPath(idFile), file: relSpecPath(e.FilePath), line: e.LineNumber, full: e.FullDescription})
	}
	return out, failed, rep.SummaryLine, nil
}

// rspecFullNames joins a suite path and a name as RSpec's full_description
// does: with a space, or with none before "#", "." and "::" after a
// described class. The inventory does not keep whether a group described a
// class, so both spellings are returned when they differ.
func rspecFullNames(suite []string, name string) []string {
	parts := append(append([]string{}, suite...), name)
	spaced := strings.Join(parts, " ")
	var b strings.Builder
	for i, p := range parts {
		if i > 0 && !(strings.HasPrefix(p, "#") || strings.HasPrefix(p, ".") || strings.HasPrefix(p, "::")) {
			b.WriteByte(' ')
		}
		b.WriteString(p)
	}
	if b.String() == spaced {
		return []string{spaced}
	}
	return []string{spaced, b.String()}
}

// rbDeclared is one declared test of the inventory with its cases.
type rbDeclared struct {
	file    string
	line    int
	names   []string // full names (see rspecFullNames)
	cases   []string // full names of the cases
	cond    rbCondition
	matched bool
}

func runRSpec(root string, reports []string) error {
	root, collector, err := locate(root)
	if err != nil {
		return err
	}
	if len(reports) == 0 {
		p, err := rspecReport(root)
		if err != nil {
			return err
		}
		defer os.Remove(p)
		reports = []string{p}
	}
	var examples []rspecExample
	failed := map[string]bool{}
	var summaries []string
	for _, p := range reports {
		ex, f, s, err := readRSpecReport(p)
		if err != nil {
			return err
		}
		examples = append(examples, ex...)
		for k := range f {
			failed[k] = true
		}
		summaries = append(summaries, s)
	}
	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}

	// The runner's view.
	groups, _ := groupByLocation(examples, func(_ int, e rspecExample) string { return e.file + ":" + strconv.Itoa(e.line) })
	theirFiles := map[string]int{} // files examples are written in
	runFiles := map[string]bool{}  // files examples run in
	for _, g := range groups {
		theirFiles[g.items[0].file]++
		for _, e := range g.items {
			runFiles[e.idFile] = true
		}
	}

	// The inventory's view.
	ours := map[string][]*rbDeclared{} // location → declared tests
	ourFiles := map[string]int{}
	reasons := map[string]string{}
	frameworks := map[inventory.Framework]int{}
	excluded := 0
	var conds rbConditions
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageRuby {
			continue
		}
		if f.Framework != inventory.FrameworkRSpec && theirFiles[f.Path] == 0 && !runFiles[f.Path] {
			continue // Minitest and test-unit files: not rspec's
		}
		if failed[f.Path] {
			excluded += len(f.Tests)
			continue
		}
		frameworks[f.Framework]++
		reasons[f.Path] = f.SkipReason
		bySuite := map[string]*rbDeclared{}
		for _, t := range f.Tests {
			if t.Kind != inventory.KindTest {
				continue
			}
			d := &rbDeclared{file: f.Path, line: t.Line, names: rspecFullNames(t.SuitePath, t.Name), cond: rbCondition{cond: t.Condition}}
			conds.add(d.cond)
			k := f.Path + ":" + strconv.Itoa(t.Line)
			ours[k] = append(ours[k], d)
			bySuite[strings.Join(append(append([]string{}, t.SuitePath...), t.Name), sep)] = d
			ourFiles[f.Path]++
		}
		for _, t := range f.Tests {
			if t.Kind != inventory.KindCase || len(t.SuitePath) == 0 {
				continue
			}
			if d := bySuite[strings.Join(t.SuitePath, sep)]; d != nil {
				d.cases = append(d.cases, rspecFullNames(t.SuitePath[:len(t.SuitePath)-1], t.Name)[0])
			}
		}
	}

	sources := sourceCache{dir: root, files: map[string][]byte{}, reasons: reasons}
	var rep pytestReport
	var named, namesChecked, multi, multiExamples, sharedGroups int
	var nameDiffs []string
	for _, g := range groups {
		rep.theirDeclared++
		n := len(g.items)
		rep.theirItems += n
		e := g.items[0]
		shared := false
		for _, x := range g.items {
			shared = shared || x.idFile != x.file
		}
		if n > 1 {
			multi++
			multiExamples += n
			if shared {
				sharedGroups++
			}
		}
		var d *rbDeclared
		for _, c := range ours[g.key] {
			if !c.matched {
				d = c
				break
			}
		}
		example := fmt.Sprintf("%s:%d %s", e.file, e.line, e.full)
		if d == nil {
			rep.missingDeclared++
			rep.missingItems += n
			rep.cause("missing test: "+rspecMissingCause(e, ourFiles, ours, &sources), example, n)
			continue
		}
		d.matched = true
		rep.matchedDeclared++
		if n == 1 && !shared {
			namesChecked++
			if slicesContain(d.names, e.full) {
				named++
			} else {
				nameDiffs = append(nameDiffs, fmt.Sprintf("%s:%d\n  rspec:     %q\n  inventory: %q", e.file, e.line, e.full, d.names[0]))
				rep.cause("name differs", example+" | inventory: "+d.names[0], 1)
			}
		}
		m := max(len(d.cases), 1)
		found := min(n, m)
		rep.matchedItems += found
		if len(d.cases) > 0 {
			want := map[string]int{}
			for _, x := range g.items {
				want[x.full]++
			}
			for _, c := range d.cases {
				if want[c] > 0 {
					want[c]--
					rep.matchedCases++
				}
			}
		}
		switch {
		case n > m && shared:
			rep.missingItems += n - m
			rep.cause("more examples: shared example run by each it_behaves_like/include_examples, reported once where written", example, n-m)
		case n > m && len(d.cases) == 0:
			rep.missingItems += n - m
			rep.cause("more examples: example in a loop, not expanded ("+rspecLoopCause(e, &sources)+")", example, n-m)
		case n > m:
			rep.missingItems += n - m
			rep.cause("fewer cases than the runner", example, n-m)
		case m > n:
			rep.extraItems += m - n
			rep.cause("more cases than the runner", example, m-n)
		}
	}
	for _, k := range sortedKeys(ours) {
		for _, d := range ours[k] {
			if d.matched {
				continue
			}
			rep.extraDeclared++
			rep.extraItems += max(len(d.cases), 1)
			cause := "no example at this location"
			if theirFiles[d.file] == 0 {
				cause = "in a file the runner lists no example from"
			}
			rep.cause("extra test: "+cause, fmt.Sprintf("%s:%d %s", d.file, d.line, d.names[0]), max(len(d.cases), 1))
		}
	}
	rep.missingFiles = unreported(theirFiles, func(f string) bool { _, ok := reasons[f]; return ok })

	// For this configuration: the declared tests whose condition holds.
	condErr := conds.evalRSpec(root)
	cfgFound, cfgMissing, cfgExtra, cfgDetails := rspecDeclaredWhere(groups, ours, conds.holds)

	fmt.Printf("## rspec: %s\n\n", root)
	fmt.Printf("`rspec --dry-run` (%s) lists %d examples written in %d files, run from %d spec files; %d declared tests by location, %d of them with several examples (%d examples; %d of these groups shared examples). %d files failed to load and are left out of both sides (the inventory has %d tests in them). Inventory: %s for the folder; frameworks assigned: %v.\n\n",
		strings.Join(summaries, "; "), len(examples), len(theirFiles), len(runFiles), rep.theirDeclared, multi, multiExamples, sharedGroups, len(failed), excluded, took.Round(time.Millisecond), frameworks)
	fmt.Println("| measure | runner | inventory matches | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	pct := func(miss, extra, total int) string {
		return strconv.FormatFloat(100*float64(miss+extra)/float64(max(total, 1)), 'f', 2, 64) + " %"
	}
	fmt.Printf("| declared tests (by location) | %d | %d | %d | %d | %s |\n", rep.theirDeclared, rep.matchedDeclared, rep.missingDeclared, rep.extraDeclared, pct(rep.missingDeclared, rep.extraDeclared, rep.theirDeclared))
	fmt.Println(rbConfigRow(rep.theirDeclared, cfgFound, cfgMissing, cfgExtra))
	fmt.Printf("| full names of single examples | %d | %d | %d | | %s |\n", namesChecked, named, namesChecked-named, pct(namesChecked-named, 0, namesChecked))
	fmt.Printf("| examples (each run of a test or case), by location | %d | %d | %d | %d | %s |\n", rep.theirItems, rep.matchedItems, rep.missingItems, rep.extraItems, pct(rep.missingItems, rep.extraItems, rep.theirItems))
	fmt.Printf("| cases matched by full name | | %d | | | |\n\n", rep.matchedCases)
	fmt.Printf("Test files the runner lists examples from that the inventory misses: %d %v. Files that failed to load: %d %v.\n\n", len(rep.missingFiles), rep.missingFiles, len(failed), keys(failed))
	if condErr != nil {
		fmt.Printf("Conditions could not be evaluated (%v): all counted as holding.\n\n", condErr)
	}
	conds.print()
	rep.print()
	return writeDetails(append(append(rep.details, nameDiffs...), cfgDetails...))
}

// rspecDeclaredWhere compares the runner's locations with the inventory's
// declared tests for which keep holds (the "for this configuration" row).
func rspecDeclaredWhere(groups []*locGroup[rspecExample], ours map[string][]*rbDeclared, keep func(rbCondition) bool) (found, missing, extra int, details []string) {
	used := map[*rbDeclared]bool{}
	for _, g := range groups {
		var d *rbDeclared
		for _, c := range ours[g.key] {
			if !used[c] && keep(c.cond) {
				d = c
				break
			}
		}
		if d == nil {
			missing++
			e := g.items[0]
			details = append(details, fmt.Sprintf("this configuration: missing test\t%s:%d %s", e.file, e.line, e.full))
			continue
		}
		used[d] = true
		found++
	}
	for _, k := range sortedKeys(ours) {
		for _, d := range ours[k] {
			if !used[d] && keep(d.cond) {
				extra++
				details = append(details, fmt.Sprintf("this configuration: extra test\t%s:%d %s [%s]", d.file, d.line, d.names[0], d.cond.cond))
			}
		}
	}
	return found, missing, extra, details
}

func slicesContain(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// rspecMissingCause says why an example location is not in the inventory.
func rspecMissingCause(e rspecExample, ourFiles map[string]int, ours map[string][]*rbDeclared, s *sourceCache) string {
	if ourFiles[e.file] == 0 {
		if reason, reported := s.reasons[e.file]; reported && reason != "" {
			return "file reported with no tests: " + reason
		}
		return "file not in the inventory"
	}
	for dl := -3; dl <= 3; dl++ {
		if len(ours[e.file+":"+strconv.Itoa(e.line+dl)]) > 0 {
			return "inventory has a test " + strconv.Itoa(dl) + " lines away"
		}
	}
	lines := strings.Split(string(s.get(e.file)), "\n")
	if e.line < 1 || e.line > len(lines) {
		return "location outside its file"
	}
	word := strings.TrimSpace(lines[e.line-1])
	if i := strings.IndexAny(word, " ({"); i > 0 {
		word = word[:i]
	}
	return "`" + word + "` at the location not read as an example"
}

// rspecLoopCause looks above an example run several times in its own file
// for the loop around it.
func rspecLoopCause(e rspecExample, s *sourceCache) string {
	lines := strings.Split(string(s.get(e.file)), "\n")
	for j := e.line - 2; j >= 0 && j >= e.line-30 && j < len(lines); j-- {
		t := strings.TrimSpace(lines[j])
		if strings.Contains(t, ".each") || strings.HasPrefix(t, "for ") || strings.Contains(t, ".times") {
			return "loop `" + t + "`"
		}
	}
	return "no loop in the 30 lines above"
}
