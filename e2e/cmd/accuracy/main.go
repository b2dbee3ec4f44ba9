// Command accuracy compares the engine's inventory of a real checkout with
// what the framework's own runner lists, and prints a Markdown report.
//
//	go run ./cmd/accuracy go [PATH]       # PATH: a Go module or GOROOT/src (default)
//	go run ./cmd/accuracy unittest LIBDIR  # LIBDIR: a CPython Lib folder (its test/ package)
//	go run ./cmd/accuracy pytest DIR       # DIR: an installed package with its tests (numpy)
//	go run ./cmd/accuracy ginkgo MODULE_DIR   # every Ginkgo suite's specs (-ginkgo.dry-run)
//	go run ./cmd/accuracy gtest SRC_DIR BUILD_DIR  # every GoogleTest binary of a CMake build (--gtest_list_tests)
//	go run ./cmd/accuracy jest DIR [REPORT.json ...]  # JSON reports of Jest/Vitest runs (else runs npx in DIR)
//	go run ./cmd/accuracy rspec DIR [REPORT.json ...] # rspec --dry-run --format json reports (else runs rspec in DIR)
//	go run ./cmd/accuracy phpunit DIR [LIST.xml ...]  # phpunit --list-tests-xml lists (else runs phpunit in DIR)
//	go run ./cmd/accuracy minitest ROOT   # what Minitest would run from ROOT/test (runnable_methods)
//	go run ./cmd/accuracy junit ROOT CLASSES_DIR CLASSPATH  # the JUnit Platform's discovery of compiled test classes
//	go run ./cmd/accuracy testify MODULE_DIR [PATTERN ...]  # testify suite methods, from go/types method sets
//	go run ./cmd/accuracy bun ROOT... [-- BUN_TEST_ARG ...]  # what bun test declares (JUnit report of a -t that matches nothing)
//	go run ./cmd/accuracy go-subtests DIR [PKG_PATTERN ...]  # the subtests go test -json runs against the inventory's cases
//	go run ./cmd/accuracy cypress ROOT [--browser NAME] [--env K=V,...] [MOCHA_ARG ...]  # Cypress specs' declarations, loaded through Mocha with Cypress' overload
//
// Go: `go test -list .` for every package under PATH against the declared
// tests (kind=test) that `collector inventory --json` reports in files the go
// tool builds for this GOOS/GOARCH without extra tags (go/build's
// MatchFile), because -list lists only those.
//
// pytest: `python3 -m pytest --collect-only -q` (Debian's /usr/bin/python3,
// or PYTEST_PYTHON) on DIR against the inventory of DIR, node id by node id:
// declared tests (path::Class::test) and cases ([id]) separately, and the
// runner's items (a test, or each of its cases). Files pytest cannot import
// are left out of both sides and counted.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"go/build"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
	"github.com/testlens/testlens/e2e/harness"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "accuracy:", err)
		os.Exit(1)
	}
}

// mode is a comparison that registers itself from its own file (init):
// usage names the arguments after the mode's name, of which run needs at
// least minArgs and at most maxArgs (-1: no limit).
type mode struct {
	usage            string
	minArgs, maxArgs int
	run              func(args []string) error
}

// modes holds the registered comparisons, keyed by the first argument.
var modes = map[string]mode{}

func register(name, usage string, minArgs, maxArgs int, run func(args []string) error) {
	modes[name] = mode{usage: usage, minArgs: minArgs, maxArgs: maxArgs, run: run}
}

func run(args []string) error {
	if len(args) >= 1 {
		if m, ok := modes[args[0]]; ok {
			if n := len(args) - 1; n < m.minArgs || m.maxArgs >= 0 && n > m.maxArgs {
				return fmt.Errorf("usage: accuracy %s %s", args[0], m.usage)
			}
			return m.run(args[1:])
		}
	}
	if len(args) == 2 && args[0] == "unittest" {
		return runUnittest(args[1], nil)
	}
	if len(args) >= 2 && args[0] == "cargo" {
		return runCargo(args[1:])
	}
	if len(args) == 2 && args[0] == "pytest" {
		return runPytest(args[1])
	}
	if len(args) == 3 && args[0] == "gtest" {
		return runGTest(args[1], args[2])
	}
	if len(args) == 2 && args[0] == "ginkgo" {
		return runGinkgo(args[1])
	}
	if len(args) >= 2 && (args[0] == "vitest" || args[0] == "jest") {
		return runJS(args[0], args[1], args[2:])
	}
	if len(args) >= 2 && args[0] == "rspec" {
		return runRSpec(args[1], args[2:])
	}
	if len(args) >= 2 && args[0] == "phpunit" {
		return runPHPUnit(args[1], args[2:])
	}
	if len(args) == 2 && args[0] == "minitest" {
		return runMinitest(args[1])
	}
	if len(args) == 4 && args[0] == "junit" {
		return runJUnit(args[1], args[2], args[3])
	}
	if len(args) < 1 || args[0] != "go" {
		usage := "usage: accuracy go [PATH] | accuracy unittest LIBDIR | accuracy pytest DIR | accuracy gtest SRC_DIR BUILD_DIR | accuracy vitest|jest DIR [REPORT.json ...] | accuracy rspec DIR [REPORT.json ...] | accuracy phpunit DIR [LIST.xml ...] | accuracy minitest ROOT | accuracy junit ROOT CLASSES_DIR CLASSPATH"
		names := make([]string, 0, len(modes))
		for name := range modes {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			usage += " | accuracy " + name + " " + modes[name].usage
		}
		return fmt.Errorf("%s", usage)
	}
	root := filepath.Join(build.Default.GOROOT, "src")
	if len(args) > 1 {
		root = args[1]
	}
	collector, err := collectorPath()
	if err != nil {
		return err
	}

	listed, err := goTestList(root)
	if err != nil {
		return err
	}
	doc, err := inventoryOf(collector, root)
	if err != nil {
		return err
	}
	ours := map[string]map[string]bool{} // package dir → names
	for _, f := range doc.Files {
		dir, base := path.Split(f.Path)
		dir = strings.TrimSuffix(dir, "/")
		if ok, _ := build.Default.MatchFile(filepath.Join(root, filepath.FromSlash(dir)), base); !ok {
			continue
		}
		for _, t := range f.Tests {
			if t.Kind != inventory.KindTest || f.Framework != inventory.FrameworkGoTesting && f.Framework != inventory.FrameworkTestify && f.Framework != inventory.FrameworkGinkgo {
				continue
			}
			if ours[dir] == nil {
				ours[dir] = map[string]bool{}
			}
			ours[dir][t.Name] = true
		}
	}

	var dirs []string
	for d := range listed {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var total, matched, missing, extra int
	var diffs []string
	for _, d := range dirs {
		want, got := listed[d], ours[d]
		for name := range want {
			total++
			if got[name] {
				matched++
			} else {
				missing++
				diffs = append(diffs, fmt.Sprintf("| %s | %s | listed by go test, not found |", d, name))
			}
		}
		for name := range got {
			if !want[name] {
				extra++
				diffs = append(diffs, fmt.Sprintf("| %s | %s | found, not listed by go test |", d, name))
			}
		}
	}
	sort.Strings(diffs)
	fmt.Printf("## go-testing: %s\n\n", root)
	fmt.Printf("%d packages; `go test -list .` lists %d tests, benchmarks, fuzz targets and examples; the inventory has %d of them, misses %d and has %d more. Difference: %.2f%%.\n\n",
		len(dirs), total, matched, missing, extra, 100*float64(missing+extra)/float64(max(total, 1)))
	if len(diffs) > 0 {
		fmt.Println("| package | name | difference |\n| --- | --- | --- |")
		for _, d := range diffs {
			fmt.Println(d)
		}
	}
	return nil
}

// goTestList runs `go test -list .` on every package under root and returns
// the listed names per package directory (relative to root, slash-separated).
func goTestList(root string) (map[string]map[string]bool, error) {
	cmd := exec.Command("go", "test", "-list", ".", "./...")
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	// Packages that fail to build are reported by go test and skipped here;
	// the comparison covers those that list.
	_ = err
	dirs, err := packageDirs(root)
	if err != nil {
		return nil, err
	}
	listed := map[string]map[string]bool{}
	var names []string
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "ok  \t"):
			fields := strings.Fields(line)
			if len(fields) >= 2 {
				if dir, ok := dirs[fields[1]]; ok && len(names) > 0 {
					listed[dir] = map[string]bool{}
					for _, n := range names {
						listed[dir][n] = true
					}
				}
			}
			names = nil
		case strings.HasPrefix(line, "Test"), strings.HasPrefix(line, "Benchmark"), strings.HasPrefix(line, "Fuzz"), strings.HasPrefix(line, "Example"):
			if !strings.ContainsAny(line, " \t") {
				names = append(names, line)
			}
		default:
			names = nil
		}
	}
	return listed, nil
}

// packageDirs maps import paths under root to their directories.
func packageDirs(root string) (map[string]string, error) {
	cmd := exec.Command("go", "list", "-e", "-f", "{{.ImportPath}} {{.Dir}}", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w", err)
	}
	dirs := map[string]string{}
	for _, line := range strings.Split(string(out), "\n") {
		imp, dir, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		rel, err := filepath.Rel(root, dir)
		if err != nil {
			continue
		}
		dirs[imp] = filepath.ToSlash(rel)
	}
	return dirs, nil
}

func inventoryOf(collector, root string) (inventory.Document, error) {
	out, err := exec.Command(collector, "inventory", "--json", root).Output()
	if err != nil {
		return inventory.Document{}, fmt.Errorf("collector inventory: %w", err)
	}
	var doc inventory.Document
	return doc, json.Unmarshal(out, &doc)
}

// timedInventory is inventoryOf and how long it took.
func timedInventory(collector, root string) (inventory.Document, time.Duration, error) {
	start := time.Now()
	doc, err := inventoryOf(collector, root)
	return doc, time.Since(start), err
}

// unreported lists, sorted, the files of the runner's that the inventory
// does not report at all.
func unreported[V any](theirs map[string]V, reported func(file string) bool) []string {
	var out []string
	for f := range theirs {
		if !reported(f) {
			out = append(out, f)
		}
	}
	sort.Strings(out)
	return out
}

// locate returns dir as an absolute path and the collector binary to run.
func locate(dir string) (abs, collector string, err error) {
	if abs, err = filepath.Abs(dir); err != nil {
		return "", "", err
	}
	collector, err = collectorPath()
	return abs, collector, err
}

func collectorPath() (string, error) {
	if v := os.Getenv("TESTLENS_BIN"); v != "" {
		return filepath.Join(v, "collector"), nil
	}
	repo, err := harness.RepoRoot()
	if err != nil {
		return "", err
	}
	return filepath.Join(repo, "bin", "collector"), nil
}

// locGroup is what a runner lists at one source location: a test written
// once, however many results (loops, shared examples, included modules)
// run it.
type locGroup[T any] struct {
	key   string
	items []T
}

// groupByLocation groups items by key in the order first seen, and indexes
// the groups by key.
func groupByLocation[T any](items []T, key func(i int, item T) string) ([]*locGroup[T], map[string]*locGroup[T]) {
	var groups []*locGroup[T]
	byKey := map[string]*locGroup[T]{}
	for i, it := range items {
		k := key(i, it)
		g := byKey[k]
		if g == nil {
			g = &locGroup[T]{key: k}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.items = append(g.items, it)
	}
	return groups, byKey
}

// entryOf is m[k], created empty when missing.
func entryOf[T any](m map[string]*T, k string) *T {
	if m[k] == nil {
		m[k] = new(T)
	}
	return m[k]
}

// writeDetails writes every difference, sorted, one a line, to the file
// ACCURACY_DETAILS names; without it, nothing.
func writeDetails(details []string) error {
	p := os.Getenv("ACCURACY_DETAILS")
	if p == "" {
		return nil
	}
	sort.Strings(details)
	return os.WriteFile(p, []byte(strings.Join(details, "\n")+"\n"), 0o644)
}

// conditionValue is what a runner's toolchain says of a test's Condition.
// The values are ordered: where several builds compile a file, the greatest
// answer wins (true in any build means the runner may list the test).
type conditionValue int

const (
	conditionUnknown conditionValue = iota // could not be evaluated: counted as holding
	conditionFalse
	conditionTrue
)

// countConditions counts the conditions of holds that evaluated to v.
func countConditions(holds map[string]conditionValue, v conditionValue) int {
	n := 0
	for _, h := range holds {
		if h == v {
			n++
		}
	}
	return n
}
