package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
)

// listScript loads test modules with unittest's own loader (load_tests
// included) and prints, module by module, where each collected test is
// declared: [file, class, method]. A test method written in the class's own
// body is named by the function's compile-time __qualname__ and file, which
// run-time renames of the class (test_datetime's _Pure/_Fast) do not change;
// an inherited one by the concrete class (as its source names it: by the
// functions of its body) and the file defining it, which is where the
// inventory lists inherited tests. A module that fails to import is
// reported as null and left out of the comparison.
const listScript = `
import sys, unittest, json, importlib, io, contextlib, inspect, doctest, re
out = {}
def where(t):
    if isinstance(t, (doctest.DocTestCase, unittest.FunctionTestCase)):
        return None
    cls, name = type(t), getattr(t, "_testMethodName", None)
    fn = getattr(cls, name, None) if name else None
    try:
        fn = inspect.unwrap(fn)  # skip decorators and mock.patch wrap the test
    except Exception:
        pass
    code = getattr(fn, "__code__", None)
    if code is None:
        return None
    if name in cls.__dict__ and "." in fn.__qualname__ and "<locals>" not in fn.__qualname__:
        return [code.co_filename, fn.__qualname__.rsplit(".", 1)[0], name]
    try:
        f = inspect.getfile(cls)
    except Exception:
        f = code.co_filename
    q = declared_qualname(cls, f)
    if q is None and "." in fn.__qualname__ and "<locals>" not in fn.__qualname__:
        # A class built at run time (ZoneInfoTest[Africa/Abidjan]): its test
        # is declared where the function is written.
        return [code.co_filename, fn.__qualname__.rsplit(".", 1)[0], name]
    return [f, q or cls.__qualname__, name]
def declared_qualname(cls, f):
    # The class as its source names it: load_tests may rename a class at run
    # time (test_datetime's TestDate_Pure), but the functions of its body
    # keep the compile-time __qualname__ of the class they were written in.
    votes = {}
    for v in cls.__dict__.values():
        v = getattr(v, "__func__", v)
        try:
            v = inspect.unwrap(v)
        except Exception:
            pass
        q, c = getattr(v, "__qualname__", None), getattr(v, "__code__", None)
        if isinstance(q, str) and c is not None and "." in q and "<locals>" not in q and c.co_filename == f:
            k = q.rsplit(".", 1)[0]
            votes[k] = votes.get(k, 0) + 1
    if votes:
        return max(votes, key=votes.get)
    # A body without functions: the name the source writes, which a renamed
    # class's name begins with (IranTest_Fast → IranTest).
    q = cls.__qualname__
    # None when the source writes no such class.
    try:
        src = sources.get(f) or sources.setdefault(f, open(f, encoding="utf-8", errors="replace").read())
    except OSError:
        return q
    name = q.rsplit(".", 1)[-1]
    while not re.search(r"^\s*class\s+" + re.escape(name) + r"\b", src, re.M) and "_" in name:
        name = name.rsplit("_", 1)[0]
    if re.search(r"^\s*class\s+" + re.escape(name) + r"\b", src, re.M):
        return q[: len(q) - len(q.rsplit(".", 1)[-1])] + name
    return None
sources = {}
if sys.argv[1] == "--discover":
    # A project's suite as python -m unittest discover -s START -p PATTERN
    # -t TOP collects it; a module that fails to import is one test that
    # fails, named after the module, and is left out.
    start, pattern, top = sys.argv[2:5]
    sys.path.insert(0, top)
    tests, failed = [], []
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        suite = unittest.TestLoader().discover(start, pattern=pattern, top_level_dir=top)
    def walk(s):
        for t in s:
            if isinstance(t, unittest.TestSuite):
                walk(t)
            elif type(t).__name__ == "_FailedTest":
                failed.append(t._testMethodName)
            else:
                tests.append(where(t))
    walk(suite)
    print(json.dumps({"discover": {"file": top, "tests": tests, "failed": failed}}))
    sys.exit(0)
for name in sys.argv[1:]:
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            mod = importlib.import_module("test." + name)
            suite = unittest.TestLoader().loadTestsFromModule(mod)
        tests = []
        def walk(s):
            for t in s:
                if isinstance(t, unittest.TestSuite):
                    walk(t)
                else:
                    tests.append(where(t))
        walk(suite)
        out[name] = {"file": mod.__file__, "tests": tests}
    except BaseException as e:
        out[name] = None
print(json.dumps(out))
`

// listedModule is what listScript prints for one module.
type listedModule struct {
	File   string     `json:"file"`
	Tests  [][]string `json:"tests"`  // [file, class, method], or null for doctests and function test cases
	Failed []string   `json:"failed"` // discovery: the modules that failed to import
}

func init() {
	register("unittest-discover", "ROOT [START_DIR [PATTERN]]", 1, 3, func(args []string) error {
		discover := []string{"--discover", ".", "test*.py"}
		copy(discover[1:], args[1:])
		return runUnittest(args[0], discover)
	})
}

// runUnittest compares the inventory of LIBDIR with what unittest's loader
// collects from the single-file modules LIBDIR/test/test_*.py (and whatever
// their load_tests pulls in: unittest.test, lib2to3.tests, …), test by test,
// in the file where each test is declared. Declared tests are counted once:
// a test the runner runs twice under renamed classes is one test in source.
//
// With discover (unittest-discover: --discover START PATTERN), libDir is a
// project's root and the suite is what `python3 -m unittest discover -s
// START -p PATTERN -t ROOT` collects there, in one interpreter.
func runUnittest(libDir string, discover []string) error {
	libDir, collector, err := locate(libDir)
	if err != nil {
		return err
	}
	var modules []string
	batches := [][]string{}
	if discover != nil {
		batches = append(batches, append(discover, libDir))
	} else {
		paths, err := filepath.Glob(filepath.Join(libDir, "test", "test_*.py"))
		if err != nil {
			return err
		}
		for _, p := range paths {
			modules = append(modules, strings.TrimSuffix(filepath.Base(p), ".py"))
		}
		sort.Strings(modules)
		for i := 0; i < len(modules); i += 25 {
			batches = append(batches, modules[i:min(i+25, len(modules))])
		}
	}

	// want: file (relative to libDir) → "Class.method" declared there.
	want := map[string]map[string]bool{}
	compared := map[string]bool{} // files whose tests are compared
	loaded, runnerItems, outside := 0, 0, 0
	add := func(file, key string) {
		if want[file] == nil {
			want[file] = map[string]bool{}
		}
		want[file][key] = true
	}
	rel := func(file string) (string, bool) {
		r, err := filepath.Rel(libDir, file)
		if err != nil || strings.HasPrefix(r, "..") {
			return "", false
		}
		return filepath.ToSlash(r), true
	}
	// Batches in separate interpreters, each with a deadline: some test
	// modules misbehave at import.
	var failedModules []string
	for _, batch := range batches {
		cmd := exec.Command("timeout", append([]string{"300", "python3", "-c", listScript}, batch...)...)
		cmd.Dir = libDir
		out, err := cmd.Output()
		if err != nil {
			fmt.Fprintf(os.Stderr, "batch %v: %v\n", batch, err)
			continue
		}
		var got map[string]*listedModule
		if err := json.Unmarshal(out, &got); err != nil {
			fmt.Fprintf(os.Stderr, "batch %v: %v\n", batch, err)
			continue
		}
		for _, m := range got {
			if m == nil {
				continue
			}
			failedModules = append(failedModules, m.Failed...)
			loaded++
			if f, ok := rel(m.File); ok {
				compared[f] = true
			}
			for _, t := range m.Tests {
				runnerItems++
				if len(t) != 3 {
					outside++
					continue
				}
				f, ok := rel(t[0])
				if !ok {
					outside++
					continue
				}
				compared[f] = true
				add(f, t[1]+"."+t[2])
			}
		}
	}

	doc, took, err := timedInventory(collector, libDir)
	if err != nil {
		return err
	}
	ours := map[string]map[string]bool{}
	frameworks := map[inventory.Framework]int{}
	reported := map[string]bool{}
	for _, f := range doc.Files {
		if !compared[f.Path] {
			continue
		}
		reported[f.Path] = true
		frameworks[f.Framework]++
		for _, t := range f.Tests {
			if t.Kind != inventory.KindTest || len(t.SuitePath) == 0 {
				continue
			}
			if ours[f.Path] == nil {
				ours[f.Path] = map[string]bool{}
			}
			ours[f.Path][strings.Join(t.SuitePath, ".")+"."+t.Name] = true
		}
	}

	var total, matched, missing, extra int
	type row struct {
		file           string
		missing, extra int
		exampleMissing string
	}
	var rows []row
	var filesMissing []string
	files := make([]string, 0, len(compared))
	for f := range compared {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		if len(want[f]) > 0 && !reported[f] {
			filesMissing = append(filesMissing, f)
		}
		r := row{file: f}
		for k := range want[f] {
			total++
			if ours[f][k] {
				matched++
			} else {
				missing++
				r.missing++
				if r.exampleMissing == "" || k < r.exampleMissing {
					r.exampleMissing = k
				}
			}
		}
		for k := range ours[f] {
			if !want[f][k] {
				extra++
				r.extra++
			}
		}
		if r.missing+r.extra > 0 {
			rows = append(rows, r)
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].missing+rows[i].extra > rows[j].missing+rows[j].extra })
	fmt.Printf("## unittest: %s\n\n", libDir)
	asked := len(modules) // discovery asks for one suite, not for modules
	if discover != nil {
		fmt.Printf("Discovery (%s): %d modules failed to import and are left out of both sides %v.\n\n", strings.Join(discover, " "), len(failedModules), failedModules)
		asked = loaded
	}
	fmt.Printf("%d modules loaded by unittest (of %d); the loader collects %d tests (%d doctests, function test cases or outside %s, left out), "+
		"%d declared tests in %d files. The inventory (%s for the whole folder) has %d of them, misses %d and has %d more. "+
		"Difference: %.2f%%. Test files missing: %d %v. Frameworks assigned: %v.\n\n",
		loaded, asked, runnerItems, outside, libDir, total, len(files), took.Round(time.Millisecond), matched, missing, extra,
		100*float64(missing+extra)/float64(max(total, 1)), len(filesMissing), filesMissing, frameworks)
	if len(rows) > 0 {
		fmt.Println("| file | missing | extra | e.g. missing |\n| --- | --- | --- | --- |")
		for i, r := range rows {
			if i == 25 {
				fmt.Printf("| … %d more files | | | |\n", len(rows)-25)
				break
			}
			fmt.Printf("| %s | %d | %d | %s |\n", r.file, r.missing, r.extra, r.exampleMissing)
		}
	}
	return nil
}
