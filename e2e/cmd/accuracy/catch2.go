package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
)

// Catch2 (v2): each test binary lists its registered test cases without
// running one:
//
//	go run ./cmd/accuracy catch2 SRC_DIR BINARY...
//	BINARY --list-test-names-only --verbosity high SPEC   # "name\t@file:line" a line
//
// three times: SPEC "*" lists every test case, hidden ones included (a spec
// with a pattern lifts the default exclusion of hidden tests); "[.]" the
// hidden ones (Catch2 gives every hidden test the tag ".", however it was
// hidden: [.x], [!hide], [!benchmark]); "[!mayfail],[!shouldfail]" those
// allowed to fail. Catch2 v3 has no --list-test-names-only; its binaries
// are reported as not measured.
//
// What counts (DESIGN.md): a declared test once. A TEMPLATE_*TEST_CASE* is
// registered once per type ("name - int", "name - std::vector<float>",
// "name - int,5" for a _SIG form, "name - MyTypes - 0" for a
// TEMPLATE_LIST_TEST_CASE), all at the macro's line; the engine reports the
// declaration once, by its name. So the runner's entries are grouped by
// file and line, and a group is found when the inventory has, at that
// place, a test whose name is one of the entries' or a part of one before
// " - " (catchDeclaredNames). Where the line differs (a macro invocation
// over several lines), a test of the same name in the same file is found
// too, and counted apart. Sections are run-time paths Catch2 cannot list
// without running: not compared.
//
// The statuses are compared for the tests found: hidden is skipped, allowed
// to fail (and not hidden) is xfail, anything else active.
//
// When a binary sits in a CMake build tree (a CMakeCache.txt above it),
// its target's sources (gtest.go's cmakeTargets) tell which files it
// compiles, so a test of the inventory in a file no measured binary
// compiles is not compared, and the inventory tests' #if conditions are
// decided with the target's flags as the gtest mode does (gtest_cond.go):
// two rows, all declared tests and "for this configuration".
// ACCURACY_DETAILS=FILE writes every difference.

func init() {
	register("catch2", "SRC_DIR BINARY...", 2, -1, runCatch2)
}

// catchListed is one test case a Catch2 binary registers.
type catchListed struct {
	name, file     string
	line           int
	hidden, okFail bool
}

// catchOurs is one test of the inventory.
type catchOurs struct {
	file, name, cond string
	line             int
	status           inventory.TestStatus
}

func runCatch2(args []string) error {
	srcDir, collector, err := locate(args[0])
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "accuracy-catch2")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	var listed []catchListed
	var failed []string
	compiled := map[string]bool{} // files a measured binary compiles, when its build tree says so
	builds := map[string]*catchBuild{}
	measured := 0
	for _, bin := range args[1:] {
		bin, err := filepath.Abs(bin)
		if err != nil {
			return err
		}
		tests, err := catchList(bin, srcDir)
		if err != nil {
			failed = append(failed, fmt.Sprintf("%s (%v)", filepath.Base(bin), err))
			continue
		}
		measured++
		listed = append(listed, tests...)
		if b, name := cmakeBuildOf(srcDir, bin, builds); b != nil {
			for _, f := range b.targets[name].sources {
				compiled[f] = true
				b.addFile(f, name)
			}
			for _, t := range tests {
				b.addFile(t.file, name)
			}
		}
	}
	if measured == 0 {
		return fmt.Errorf("no binary listed its tests: %s", strings.Join(failed, "; "))
	}

	doc, took, err := timedInventory(collector, srcDir)
	if err != nil {
		return err
	}
	var ours []catchOurs
	reportedFiles := map[string]bool{}
	frameworks := map[inventory.Framework]int{}
	cases := 0
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageCPP {
			continue
		}
		reportedFiles[f.Path] = true
		frameworks[f.Framework]++
		for _, t := range f.Tests {
			if t.Kind == inventory.KindCase {
				cases++
				continue
			}
			ours = append(ours, catchOurs{file: f.Path, name: t.Name, cond: t.Condition, line: t.Line, status: t.Status})
		}
	}

	// The inventory's conditions in files a measured binary compiles,
	// decided by each build tree's compiler.
	here := &cppConditions{values: map[string]map[string]conditionValue{}}
	condTests := 0
	for _, b := range catchSortedBuilds(builds) {
		conds := map[string][]string{}
		for _, o := range ours {
			if o.cond == "" || len(b.fileTargets[o.file]) == 0 {
				continue
			}
			condTests++
			if !slices.Contains(conds[o.file], o.cond) {
				conds[o.file] = append(conds[o.file], o.cond)
			}
		}
		for _, c := range conds {
			sort.Strings(c)
		}
		here.merge(decideCPPConditions(tmp, srcDir, b.dir, b.targets, b.fileTargets, conds))
	}

	groups, _ := groupByLocation(listed, func(_ int, t catchListed) string { return t.file + "\t" + strconv.Itoa(t.line) })
	oursAt := map[string][]int{}     // file \t line → indexes into ours
	oursByName := map[string][]int{} // file \t name → indexes into ours
	for i, o := range ours {
		k := o.file + "\t" + strconv.Itoa(o.line)
		oursAt[k] = append(oursAt[k], i)
		oursByName[o.file+"\t"+o.name] = append(oursByName[o.file+"\t"+o.name], i)
	}
	matched := make([]bool, len(ours))
	type fileRow struct{ runner, entries, found, missing, extra, condFalse int }
	rows := map[string]*fileRow{}
	var r cargoReport
	var cfg struct{ found, missing, extra int }
	var otherLine, statusOK, statusDiff, templates int
	theirFiles := map[string]bool{}
	for _, g := range groups {
		first := g.items[0]
		theirFiles[first.file] = true
		fr := entryOf(rows, first.file)
		fr.runner++
		fr.entries += len(g.items)
		r.runner++
		names := catchDeclaredNames(g.items)
		if len(g.items) > 1 {
			templates++
		}
		example := fmt.Sprintf("%s:%d %s", first.file, first.line, names[len(names)-1])
		pick := func(candidates []int) int {
			for _, i := range candidates {
				if !matched[i] && slices.Contains(names, ours[i].name) {
					return i
				}
			}
			return -1
		}
		found := pick(oursAt[g.key])
		if found < 0 {
			var sameName []int
			for _, n := range names {
				sameName = append(sameName, oursByName[first.file+"\t"+n]...)
			}
			if found = pick(sameName); found >= 0 {
				otherLine++
				r.details = append(r.details, fmt.Sprintf("found at another line (inventory: %d)\t%s", ours[found].line, example))
			}
		}
		if found < 0 {
			fr.missing++
			r.missing++
			cfg.missing++
			switch {
			case !reportedFiles[first.file]:
				r.cause("missing: file not in the inventory", example)
			case len(oursAt[g.key]) > 0:
				r.cause("missing: reported under another name", example+" (inventory: "+ours[oursAt[g.key][0]].name+")")
			default:
				r.cause("missing: not found", example)
			}
			continue
		}
		matched[found] = true
		o := ours[found]
		fr.found++
		r.found++
		if here.holds(o.file, o.cond) {
			cfg.found++
		} else {
			cfg.missing++
			r.cause("missing for this configuration: listed, but its condition is false here ("+o.cond+")", example)
		}
		want := inventory.TestActive
		switch {
		case first.hidden:
			want = inventory.TestSkipped
		case first.okFail:
			want = inventory.TestXFail
		}
		if o.status == want {
			statusOK++
		} else {
			statusDiff++
			r.cause(fmt.Sprintf("status differs: runner %s, inventory %s", want, o.status), example)
		}
	}
	notCompiled := 0
	for i, o := range ours {
		if matched[i] {
			continue
		}
		example := fmt.Sprintf("%s:%d %s", o.file, o.line, o.name)
		if !compiled[o.file] && !theirFiles[o.file] {
			notCompiled++
			r.details = append(r.details, "not compared: file not compiled by a measured binary\t"+example)
			continue
		}
		fr := entryOf(rows, o.file)
		fr.extra++
		r.extra++
		if !here.holds(o.file, o.cond) {
			fr.condFalse++
			r.cause("extra: condition false here ("+o.cond+")", example)
			continue
		}
		cfg.extra++
		r.cause("extra: not listed by the runner", example)
	}

	fmt.Printf("## Catch2 --list-test-names-only: %s\n\n", srcDir)
	fmt.Printf("%d binaries listed %d test cases: %d declared tests (one per file and line) in %d files, %d of them "+
		"templates with several entries; inventory in %s, frameworks of its C++ files %v, sections (cases, not compared) %d.\n\n",
		measured, len(listed), len(groups), len(theirFiles), templates, took.Round(time.Millisecond), frameworks, cases)
	if len(failed) > 0 {
		fmt.Printf("Not measured (no list): %s.\n\n", strings.Join(failed, "; "))
	}
	pct := func(n, of int) string {
		return strconv.FormatFloat(100*float64(n)/float64(max(of, 1)), 'f', 2, 64) + " %"
	}
	var files []string
	for f, fr := range rows {
		if fr.missing+fr.extra > 0 {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	if len(files) > 0 {
		fmt.Printf("Files with differences (the other %d: none):\n\n", len(rows)-len(files))
		fmt.Println("| file | runner: declared | runner: entries | found | missing | extra | extra: condition false here | difference |\n| --- | --- | --- | --- | --- | --- | --- | --- |")
		for _, f := range files {
			fr := rows[f]
			fmt.Printf("| %s | %d | %d | %d | %d | %d | %d | %s |\n", f, fr.runner, fr.entries, fr.found, fr.missing, fr.extra, fr.condFalse,
				pct(fr.missing+fr.extra, fr.runner))
		}
		fmt.Println()
	}
	condFalse := r.extra - cfg.extra
	fmt.Printf("| comparison | runner | found | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |\n")
	fmt.Printf("| declared tests | %d | %d | %d | %d (condition false here: %d; the rest: %d) | %s |\n", r.runner, r.found, r.missing, r.extra,
		condFalse, cfg.extra, pct(r.missing+r.extra, r.runner))
	fmt.Printf("| for this configuration | %d | %d | %d | %d | %s |\n\n", r.runner, cfg.found, cfg.missing, cfg.extra, pct(cfg.missing+cfg.extra, r.runner))
	fmt.Printf("Statuses of the tests found (hidden = skipped, may/should fail = xfail, else active): %d agree, %d differ. "+
		"Found under the same name at another line: %d.\n\n", statusOK, statusDiff, otherLine)
	fmt.Printf("For this configuration: %d inventory tests with a condition in compared files, %d distinct conditions per file "+
		"(%d true, %d false, %d undecided, counted as holding), decided by %s -E with the targets' flags in %d runs, %s.\n\n",
		condTests, here.count(conditionTrue)+here.count(conditionFalse)+here.count(conditionUnknown), here.count(conditionTrue),
		here.count(conditionFalse), here.count(conditionUnknown), cmp.Or(here.compiler, "the compiler"), here.runs, here.took.Round(time.Millisecond))
	missingFiles := unreported(theirFiles, func(f string) bool { return reportedFiles[f] })
	fmt.Printf("Test files missing: %d %v. Inventory tests in files no measured binary compiles (not compared): %d.\n\n",
		len(missingFiles), missingFiles, notCompiled)
	r.print()
	return writeDetails(r.details)
}

// catchList reads what one binary registers, hidden and allowed-to-fail
// test cases marked, files relative to srcDir where they are inside it.
func catchList(bin, srcDir string) ([]catchListed, error) {
	all, err := catchListSpec(bin, srcDir, "*")
	if err != nil {
		return nil, err
	}
	hidden, err := catchListSpec(bin, srcDir, "[.]")
	if err != nil {
		return nil, err
	}
	okFail, err := catchListSpec(bin, srcDir, "[!mayfail],[!shouldfail]")
	if err != nil {
		return nil, err
	}
	key := func(t catchListed) string { return t.file + "\t" + strconv.Itoa(t.line) + "\t" + t.name }
	marks := map[string]*catchListed{}
	for i := range all {
		marks[key(all[i])] = &all[i]
	}
	for _, t := range hidden {
		if m := marks[key(t)]; m != nil {
			m.hidden = true
		}
	}
	for _, t := range okFail {
		if m := marks[key(t)]; m != nil {
			m.okFail = true
		}
	}
	return all, nil
}

// catchListSpec runs bin --list-test-names-only --verbosity high spec. A
// name holding a newline spans lines; the location ends the last.
func catchListSpec(bin, srcDir, spec string) ([]catchListed, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--list-test-names-only", "--verbosity", "high", spec)
	cmd.Dir = filepath.Dir(bin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	// The exit status is the number of tests listed (capped at 255), not an
	// error: only a list that cannot be read is.
	runErr := cmd.Run()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if _, exited := runErr.(*exec.ExitError); runErr != nil && !exited {
		return nil, runErr
	}
	var out []catchListed
	var pending []string
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	for sc.Scan() {
		line := sc.Text()
		name, loc, ok := strings.Cut(line, "\t@")
		if !ok {
			pending = append(pending, line)
			continue
		}
		name = strings.Join(append(pending, name), "\n")
		pending = nil
		colon := strings.LastIndexByte(loc, ':')
		n, err := strconv.Atoi(loc[colon+1:])
		if colon < 0 || err != nil {
			return nil, fmt.Errorf("unreadable location %q", loc)
		}
		// Names starting with '#' are printed quoted (a # starts a comment
		// in a spec file).
		if strings.HasPrefix(name, `"#`) && strings.HasSuffix(name, `"`) {
			name = name[1 : len(name)-1]
		}
		out = append(out, catchListed{name: name, file: catchRelPath(srcDir, filepath.Dir(bin), loc[:colon]), line: n})
	}
	// A v2 binary whose tests are all behind #if branches its build does
	// not take lists nothing and exits 0 (cli11's OptionalTest in a C++11
	// build): zero tests, measured. Catch2 v3 refuses the option.
	if len(out) == 0 && spec == "*" && (runErr != nil || strings.TrimSpace(stdout.String()+stderr.String()) != "") {
		return nil, fmt.Errorf("no test listed (Catch2 v3, or not a Catch2 binary): %s", tail(strings.TrimSpace(stdout.String()+stderr.String()), 200))
	}
	return out, nil
}

// catchRelPath makes a listed file relative to srcDir, slash-separated: an
// absolute __FILE__, or one relative to where the binary was built.
func catchRelPath(srcDir, binDir, file string) string {
	if !filepath.IsAbs(file) {
		file = filepath.Join(binDir, file)
	}
	if rel, err := filepath.Rel(srcDir, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// catchDeclaredNames returns the names a declaration may have in the
// inventory: the entries' names, then what precedes each " - " in them. A
// template's entries are its name, " - ", then the type ("int",
// "std::vector<float>"), the _SIG arguments ("int,5"), or for
// TEMPLATE_LIST_TEST_CASE the list's name and an index ("MyTypes - 0"); a
// plain name may hold " - " itself.
func catchDeclaredNames(items []catchListed) []string {
	var names []string
	for _, t := range items {
		names = append(names, t.name)
	}
	for _, t := range items {
		for at := 0; ; {
			i := strings.Index(t.name[at:], " - ")
			if i < 0 {
				break
			}
			if prefix := t.name[:at+i]; !slices.Contains(names, prefix) {
				names = append(names, prefix)
			}
			at += i + len(" - ")
		}
	}
	return names
}

// catchBuild is one CMake build tree holding measured binaries.
type catchBuild struct {
	dir         string
	targets     map[string]*cmakeTarget
	fileTargets map[string]map[string]bool // file → the measured targets that compile it
}

func (b *catchBuild) addFile(file, target string) {
	if b.fileTargets[file] == nil {
		b.fileTargets[file] = map[string]bool{}
	}
	b.fileTargets[file][target] = true
}

// cmakeBuildOf finds the CMake build tree above bin (its CMakeCache.txt)
// and the target that builds bin; nil when there is none.
func cmakeBuildOf(srcDir, bin string, builds map[string]*catchBuild) (*catchBuild, string) {
	dir := filepath.Dir(bin)
	for {
		if _, err := os.Stat(filepath.Join(dir, "CMakeCache.txt")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, ""
		}
		dir = parent
	}
	b := builds[dir]
	if b == nil {
		targets, err := cmakeTargets(srcDir, dir)
		if err != nil {
			return nil, ""
		}
		b = &catchBuild{dir: dir, targets: targets, fileTargets: map[string]map[string]bool{}}
		builds[dir] = b
	}
	for name, t := range b.targets {
		if t.binary == bin {
			return b, name
		}
	}
	return nil, ""
}

func catchSortedBuilds(builds map[string]*catchBuild) []*catchBuild {
	var out []*catchBuild
	for _, b := range builds {
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].dir < out[j].dir })
	return out
}

// merge adds the decisions of another build tree: a condition holds when it
// holds in one of them.
func (c *cppConditions) merge(o *cppConditions) {
	for file, conds := range o.values {
		if c.values[file] == nil {
			c.values[file] = map[string]conditionValue{}
		}
		for cond, v := range conds {
			if v > c.values[file][cond] {
				c.values[file][cond] = v
			}
		}
	}
	c.runs += o.runs
	c.took += o.took
	c.compiler = cmp.Or(c.compiler, o.compiler)
}
