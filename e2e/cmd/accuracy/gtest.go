package main

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
)

// GoogleTest: every test executable of a CMake build tree is run with
// --gtest_list_tests --gtest_output=json:FILE, which lists the registered
// tests without running one and names, for each, the file and line of its
// TEST/TEST_F/TEST_P/TYPED_TEST/TYPED_TEST_P.
//
//	go run ./cmd/accuracy gtest SRC_DIR BUILD_DIR
//
// A target's sources come from the build tree (CMakeFiles/T.dir/
// DependInfo.cmake, written by cmake from the CMakeLists' add_executable
// calls): they tell which source files a measured binary compiles, so that
// a test of the inventory in a file no measured binary compiles is counted
// apart. A binary whose list cannot be read (a custom main that ignores the
// flags, a crash) is not measured and named.
//
// What counts (DESIGN.md): a declared test once. The runner lists every
// instance — Prefix/Suite.Test/0 for TEST_P, Suite/0.Test for TYPED_TEST,
// Prefix/Suite/0.Test for TYPED_TEST_P — and the instances are folded back
// to their declaration (file, Suite, Test); a file compiled into several
// binaries counts once. The instance count is printed beside it: the engine
// does not expand parametrised tests (their instances come from
// INSTANTIATE_TEST_SUITE_P and TYPED_TEST_SUITE arguments). gtest's own
// GoogleTestVerification.UninstantiatedParameterizedTestSuite<…> entries
// (a TEST_P without INSTANTIATE) are not declared tests and are counted
// apart. ACCURACY_DETAILS=FILE writes every difference.
//
// Two comparisons are printed: the declared tests (every test of the
// inventory), and "for this configuration": only the inventory's tests whose
// Condition (#if expression) holds in this build, as the compiler decides it
// with the flags of the targets that compile the file (gtest_cond.go). The
// extras of the first are split into "condition false here" and the rest.

type gtestList struct {
	Testsuites []struct {
		Name      string `json:"name"`
		Testsuite []struct {
			Name       string `json:"name"`
			ValueParam string `json:"value_param"`
			TypeParam  string `json:"type_param"`
			File       string `json:"file"`
			Line       int    `json:"line"`
		} `json:"testsuite"`
	} `json:"testsuites"`
}

// gtestDecl is one declared test as the runner locates it.
type gtestDecl struct {
	file, suite, name string
	line, instances   int
}

func runGTest(srcDir, buildDir string) error {
	collector, err := collectorPath()
	if err != nil {
		return err
	}
	if srcDir, err = filepath.Abs(srcDir); err != nil {
		return err
	}
	if buildDir, err = filepath.Abs(buildDir); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "accuracy-gtest")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	targets, err := cmakeTargets(srcDir, buildDir)
	if err != nil {
		return err
	}
	var names []string
	for t := range targets {
		names = append(names, t)
	}
	sort.Strings(names)

	decls := map[string]*gtestDecl{}            // file \t suite \t name
	compiled := map[string]bool{}               // files compiled by a measured binary
	fileTargets := map[string]map[string]bool{} // file → the measured targets compiling it (sources and headers)
	addTarget := func(file, target string) {
		if fileTargets[file] == nil {
			fileTargets[file] = map[string]bool{}
		}
		fileTargets[file][target] = true
	}
	var failed, notBuilt []string
	measured, instances, verification := 0, 0, 0
	uninstantiated := map[string]bool{} // suites of TEST_P/TYPED_TEST_P without an instantiation
	for i, name := range names {
		t := targets[name]
		if t.binary == "" {
			notBuilt = append(notBuilt, name)
			continue
		}
		out := filepath.Join(tmp, fmt.Sprintf("l%d.json", i))
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		cmd := exec.CommandContext(ctx, t.binary, "--gtest_list_tests", "--gtest_output=json:"+out)
		cmd.Dir = tmp
		runErr := cmd.Run()
		cancel()
		b, err := os.ReadFile(out)
		var list gtestList
		if err == nil {
			err = json.Unmarshal(b, &list)
		}
		if err != nil {
			reason := "no JSON list"
			if runErr != nil {
				reason = runErr.Error()
			}
			failed = append(failed, fmt.Sprintf("%s (%s)", name, reason))
			continue
		}
		measured++
		for _, f := range t.sources {
			compiled[f] = true
			addTarget(f, name)
		}
		for _, s := range list.Testsuites {
			for _, tc := range s.Testsuite {
				if s.Name == "GoogleTestVerification" {
					verification++
					if _, rest, ok := strings.Cut(tc.Name, "<"); ok {
						uninstantiated[strings.TrimSuffix(rest, ">")] = true
					}
					continue
				}
				instances++
				suite, test := gtestDeclared(s.Name, tc.Name, tc.ValueParam != "", tc.TypeParam != "")
				file := tc.File
				if rel, err := filepath.Rel(srcDir, file); err == nil && !strings.HasPrefix(rel, "..") {
					file = filepath.ToSlash(rel)
				}
				addTarget(file, name)
				key := file + "\t" + suite + "\t" + test
				if d := decls[key]; d != nil {
					d.instances++
					continue
				}
				decls[key] = &gtestDecl{file: file, suite: suite, name: test, line: tc.Line, instances: 1}
			}
		}
	}

	doc, took, err := timedInventory(collector, srcDir)
	if err != nil {
		return err
	}
	type ourTest struct {
		line       int
		status     inventory.TestStatus
		conditions []string // of every test of the inventory with this name ("" for none): one per #if branch that declares it
	}
	ours := map[string]ourTest{}              // file \t suite \t name
	oursByLine := map[string]map[int]string{} // file → line → suite.name
	reportedFiles := map[string]bool{}
	cases := 0
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageCPP {
			continue
		}
		reportedFiles[f.Path] = true
		for _, t := range f.Tests {
			if t.Kind == inventory.KindCase {
				cases++
				continue
			}
			suite := strings.Join(t.SuitePath, "/")
			key := f.Path + "\t" + suite + "\t" + t.Name
			ours[key] = ourTest{t.Line, t.Status, append(ours[key].conditions, t.Condition)}
			if oursByLine[f.Path] == nil {
				oursByLine[f.Path] = map[int]string{}
			}
			oursByLine[f.Path][t.Line] = suite + "." + t.Name
		}
	}

	// For this configuration: the conditions of the inventory's tests in the
	// files a measured binary compiles, decided by the compiler (gtest_cond.go).
	conds := map[string][]string{}
	condTests := 0
	for key, o := range ours {
		file, _, _ := strings.Cut(key, "\t")
		for _, c := range o.conditions {
			if c == "" || len(fileTargets[file]) == 0 {
				continue
			}
			condTests++
			if !slices.Contains(conds[file], c) {
				conds[file] = append(conds[file], c)
			}
		}
	}
	for _, c := range conds {
		sort.Strings(c)
	}
	here := decideCPPConditions(tmp, srcDir, buildDir, targets, fileTargets, conds)
	var cfg struct{ found, missing, extra, undecided int }
	for key, o := range ours {
		file, _, _ := strings.Cut(key, "\t")
		for _, c := range o.conditions {
			if c != "" && len(fileTargets[file]) > 0 && here.values[file][c] == conditionUnknown {
				cfg.undecided++
			}
		}
	}

	type fileRow struct{ runner, instances, found, missing, extra, condFalse int }
	rows := map[string]*fileRow{}
	var r cargoReport
	theirFiles := map[string]bool{}
	// One TEST written once can be listed under several suite names: a
	// header whose includers each #define its suite name first
	// (gmock_link_test.h, included by two files, each with
	// #define LinkTest LinkTestN). By the counting rule that is one declared
	// test, found when the inventory has one of its names, or that test name
	// at that line (named as the source writes it).
	sameTest := map[string][]string{} // file \t line \t name → decl keys
	for key, d := range decls {
		k := d.file + "\t" + strconv.Itoa(d.line) + "\t" + d.name
		sameTest[k] = append(sameTest[k], key)
	}
	matchedOurs := map[string]bool{}
	renamed := 0
	for _, keys := range sameTest {
		sort.Strings(keys)
		first := decls[keys[0]]
		found := ""
		for _, key := range keys {
			if _, ok := ours[key]; ok {
				found = key
				break
			}
		}
		if found == "" && len(keys) > 1 {
			if byLine := oursByLine[first.file][first.line]; strings.HasSuffix(byLine, "."+first.name) {
				suite := strings.TrimSuffix(byLine, "."+first.name)
				found = first.file + "\t" + suite + "\t" + first.name
				renamed++
				r.details = append(r.details, "found under the name the source writes (the runner's names come from includers' #defines)\t"+
					fmt.Sprintf("%s:%d %s.%s", first.file, first.line, suite, first.name))
			}
		}
		for _, key := range keys[1:] {
			first.instances += decls[key].instances
			delete(decls, key)
		}
		if found != "" {
			matchedOurs[found] = true
			if found != keys[0] {
				delete(decls, keys[0]) // the match stands for the declaration
				decls[found] = first
			}
		}
	}
	for key, d := range decls {
		theirFiles[d.file] = true
		fr := entryOf(rows, d.file)
		fr.runner++
		fr.instances += d.instances
		r.runner++
		example := fmt.Sprintf("%s:%d %s.%s", d.file, d.line, d.suite, d.name)
		if o, ok := ours[key]; ok {
			fr.found++
			r.found++
			if here.holdsAny(d.file, o.conditions) {
				cfg.found++
			} else {
				cfg.missing++
				r.cause("missing for this configuration: listed, but its condition is false here ("+strings.Join(o.conditions, " or ")+")", example)
			}
			continue
		}
		fr.missing++
		r.missing++
		cfg.missing++
		switch {
		case !reportedFiles[d.file]:
			r.cause("missing: file not in the inventory", example)
		case oursByLine[d.file][d.line] != "":
			r.cause("missing: reported under another name", example+" (inventory: "+oursByLine[d.file][d.line]+")")
		default:
			r.cause("missing: not found", example)
		}
	}
	notCompiled := 0
	for key, o := range ours {
		if _, ok := decls[key]; ok || matchedOurs[key] {
			continue
		}
		file, rest, _ := strings.Cut(key, "\t")
		suite, name, _ := strings.Cut(rest, "\t")
		example := fmt.Sprintf("%s:%d %s.%s", file, o.line, suite, name)
		if !compiled[file] && !theirFiles[file] {
			// Not built into a measured binary: neither side can say.
			notCompiled++
			r.details = append(r.details, "not compared: file not compiled by a measured binary\t"+example)
			continue
		}
		fr := entryOf(rows, file)
		fr.extra++
		r.extra++
		if !here.holdsAny(file, o.conditions) {
			fr.condFalse++
			r.cause("extra: condition false here ("+strings.Join(o.conditions, " or ")+")", example)
			continue
		}
		cfg.extra++
		if uninstantiated[suite] {
			r.cause("extra: TEST_P/TYPED_TEST_P never instantiated (the runner lists GoogleTestVerification.Uninstantiated…<Suite> instead)", example)
			continue
		}
		r.cause("extra: not listed by the runner", example)
	}

	var files []string
	for f := range rows {
		files = append(files, f)
	}
	sort.Strings(files)
	fmt.Printf("## GoogleTest --gtest_list_tests: %s\n\n", srcDir)
	fmt.Printf("%d binaries listed their tests (%d instances, %d declared tests in %d files); inventory in %s.\n\n",
		measured, instances, len(decls), len(theirFiles), took.Round(time.Millisecond))
	if len(failed) > 0 {
		fmt.Printf("Not measured (no list): %s.\n\n", strings.Join(failed, "; "))
	}
	if len(notBuilt) > 0 {
		fmt.Printf("Targets without a built binary: %s.\n\n", strings.Join(notBuilt, ", "))
	}
	fmt.Println("| file | runner: declared | runner: instances | found | missing | extra | extra: condition false here | difference |\n| --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, f := range files {
		fr := rows[f]
		fmt.Printf("| %s | %d | %d | %d | %d | %d | %d | %s %% |\n", f, fr.runner, fr.instances, fr.found, fr.missing, fr.extra, fr.condFalse,
			strconv.FormatFloat(100*float64(fr.missing+fr.extra)/float64(max(fr.runner, 1)), 'f', 2, 64))
	}
	condFalse := r.extra - cfg.extra
	fmt.Printf("| **all** | %d | %d | %d | %d | %d | %d | %s %% |\n\n", r.runner, instances, r.found, r.missing, r.extra, condFalse,
		strconv.FormatFloat(100*float64(r.missing+r.extra)/float64(max(r.runner, 1)), 'f', 2, 64))
	pct := func(n int) string {
		return strconv.FormatFloat(100*float64(n)/float64(max(r.runner, 1)), 'f', 2, 64) + " %"
	}
	fmt.Printf("| comparison | runner | found | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |\n")
	fmt.Printf("| declared tests | %d | %d | %d | %d (condition false here: %d; the rest: %d) | %s |\n", r.runner, r.found, r.missing, r.extra,
		condFalse, cfg.extra, pct(r.missing+r.extra))
	fmt.Printf("| for this configuration | %d | %d | %d | %d | %s |\n\n", r.runner, cfg.found, cfg.missing, cfg.extra, pct(cfg.missing+cfg.extra))
	fmt.Printf("For this configuration: %d inventory tests with a condition in compared files, %d distinct conditions per file "+
		"(%d true, %d false, %d undecided), decided by %s -E with each compiling target's flags (flags.make) in %d runs, %s; "+
		"tests whose condition could not be evaluated (counted as holding): %d.\n\n",
		condTests, here.count(conditionTrue)+here.count(conditionFalse)+here.count(conditionUnknown), here.count(conditionTrue),
		here.count(conditionFalse), here.count(conditionUnknown), cmp.Or(here.compiler, "the compiler"), here.runs, here.took.Round(time.Millisecond), cfg.undecided)
	missingFiles := unreported(theirFiles, func(f string) bool { return reportedFiles[f] })
	fmt.Printf("Test files missing: %d %v. Inventory cases (expanded instances): %d. GoogleTestVerification entries (not counted): %d. "+
		"Inventory tests in files no measured binary compiles (not compared): %d. Declared tests the runner lists under several "+
		"suite names (includers' #defines), found under the name the source writes: %d.\n\n", len(missingFiles), missingFiles, cases, verification, notCompiled, renamed)
	r.print()
	return writeDetails(r.details)
}

// gtestDeclared folds a listed instance back to its declaration's suite and
// name: "Prefix/Suite" + "Test/3" (value-parametrised) → Suite, Test;
// "Suite/0" or "Prefix/Suite/0" (typed) → Suite.
func gtestDeclared(suite, name string, valueParam, typeParam bool) (string, string) {
	if typeParam {
		parts := strings.Split(suite, "/")
		if len(parts) >= 2 {
			suite = parts[len(parts)-2]
		}
	}
	if valueParam {
		if _, s, ok := strings.Cut(suite, "/"); ok {
			suite = s
		}
		if n, _, ok := strings.Cut(name, "/"); ok {
			name = n
		}
	}
	return suite, name
}

// cmakeTarget is one executable target of a CMake build tree.
type cmakeTarget struct {
	binary   string
	sources  []string          // relative to the source dir, slash-separated
	dir      string            // BUILD/…/CMakeFiles/T.dir
	depFiles map[string]string // source → its dependency file (the headers it reads), relative to BUILD
}

var dependSource = regexp.MustCompile(`^\s*"([^"]+)" "[^"]+\.o" "[^"]*"(?: "([^"]*)")?`)

// cmakeTargets reads every target's sources from BUILD/**/CMakeFiles/T.dir/
// DependInfo.cmake and finds its binary (an executable file named T in the
// build tree). Library targets have no such binary and are left out.
func cmakeTargets(srcDir, buildDir string) (map[string]*cmakeTarget, error) {
	targets := map[string]*cmakeTarget{}
	executables := map[string]string{}
	err := filepath.WalkDir(buildDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		if d.Name() == "DependInfo.cmake" && strings.HasSuffix(filepath.Dir(p), ".dir") {
			name := strings.TrimSuffix(filepath.Base(filepath.Dir(p)), ".dir")
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			t := &cmakeTarget{dir: filepath.Dir(p), depFiles: map[string]string{}}
			for _, line := range strings.Split(string(b), "\n") {
				if m := dependSource.FindStringSubmatch(line); m != nil {
					src := m[1]
					if rel, err := filepath.Rel(srcDir, src); err == nil {
						src = filepath.ToSlash(rel)
					}
					t.sources = append(t.sources, src)
					if m[2] != "" {
						t.depFiles[src] = m[2]
					}
				}
			}
			targets[name] = t
			return nil
		}
		if strings.Contains(p, string(filepath.Separator)+"CMakeFiles"+string(filepath.Separator)) {
			return nil
		}
		if info, err := d.Info(); err == nil && info.Mode().IsRegular() && info.Mode()&0o111 != 0 && filepath.Ext(p) == "" {
			executables[d.Name()] = p
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for name, t := range targets {
		t.binary = executables[name]
		if t.binary == "" && !hasTestSource(t.sources) {
			delete(targets, name) // a library
		}
	}
	return targets, nil
}

// hasTestSource says whether a target compiles a file of a test or samples
// folder: a test target that was not built, not a library.
func hasTestSource(sources []string) bool {
	for _, s := range sources {
		for _, dir := range strings.Split(path.Dir(s), "/") {
			if dir == "test" || dir == "tests" || dir == "samples" {
				return true
			}
		}
	}
	return false
}
