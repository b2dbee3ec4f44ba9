package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/testlens/testlens/contracts/inventory"
)

// listScript loads test modules with unittest's own loader and prints their
// test ids as JSON, module by module; a module that fails to import is
// reported as an error and left out of the comparison.
const listScript = `
import sys, unittest, json, importlib, io, contextlib
out = {}
for name in sys.argv[1:]:
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            mod = importlib.import_module("test." + name)
            suite = unittest.TestLoader().loadTestsFromModule(mod)
        ids = []
        def walk(s):
            for t in s:
                if isinstance(t, unittest.TestSuite):
                    walk(t)
                else:
                    ids.append(t.id())
        walk(suite)
        out[name] = ids
    except BaseException as e:
        out[name] = None
print(json.dumps(out))
`

// runUnittest compares the inventory of LIBDIR/test/test_*.py (single-file
// modules) with what unittest's loader collects from them.
func runUnittest(libDir string) error {
	collector, err := collectorPath()
	if err != nil {
		return err
	}
	testDir := filepath.Join(libDir, "test")
	paths, err := filepath.Glob(filepath.Join(testDir, "test_*.py"))
	if err != nil {
		return err
	}
	var modules []string
	for _, p := range paths {
		modules = append(modules, strings.TrimSuffix(filepath.Base(p), ".py"))
	}
	sort.Strings(modules)

	// Batches in separate interpreters, each with a deadline: some test
	// modules misbehave at import.
	listed := map[string][]string{}
	for i := 0; i < len(modules); i += 25 {
		batch := modules[i:min(i+25, len(modules))]
		cmd := exec.Command("timeout", append([]string{"120", "python3", "-c", listScript}, batch...)...)
		cmd.Dir = libDir
		out, err := cmd.Output()
		if err != nil {
			fmt.Fprintf(os.Stderr, "batch %v: %v\n", batch, err)
			continue
		}
		var got map[string][]string
		if err := json.Unmarshal(out, &got); err != nil {
			fmt.Fprintf(os.Stderr, "batch %v: %v\n", batch, err)
			continue
		}
		for m, ids := range got {
			if ids != nil {
				listed[m] = ids
			}
		}
	}

	start := time.Now()
	doc, err := inventoryOf(collector, testDir)
	if err != nil {
		return err
	}
	took := time.Since(start)
	ours := map[string]map[string]bool{}
	frameworks := map[inventory.Framework]int{}
	for _, f := range doc.Files {
		if strings.Contains(f.Path, "/") {
			continue // packages under test/ are not compared
		}
		mod := strings.TrimSuffix(path.Base(f.Path), ".py")
		frameworks[f.Framework]++
		for _, t := range f.Tests {
			if t.Kind != inventory.KindTest || len(t.SuitePath) == 0 {
				continue
			}
			if ours[mod] == nil {
				ours[mod] = map[string]bool{}
			}
			ours[mod][t.SuitePath[len(t.SuitePath)-1]+"."+t.Name] = true
		}
	}

	var total, matched, missing, extra int
	type row struct {
		module         string
		missing, extra int
		exampleMissing string
	}
	var rows []row
	for _, m := range modules {
		ids, ok := listed[m]
		if !ok {
			continue
		}
		want := map[string]bool{}
		for _, id := range ids {
			parts := strings.Split(id, ".")
			if len(parts) >= 2 {
				want[parts[len(parts)-2]+"."+parts[len(parts)-1]] = true
			}
		}
		r := row{module: m}
		for k := range want {
			total++
			if ours[m][k] {
				matched++
			} else {
				missing++
				r.missing++
				if r.exampleMissing == "" || k < r.exampleMissing {
					r.exampleMissing = k
				}
			}
		}
		for k := range ours[m] {
			if !want[k] {
				extra++
				r.extra++
			}
		}
		if r.missing+r.extra > 0 {
			rows = append(rows, r)
		}
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].missing+rows[i].extra > rows[j].missing+rows[j].extra })
	fmt.Printf("## unittest: %s\n\n", testDir)
	fmt.Printf("%d modules loaded by unittest (of %d); the loader collects %d test methods; the inventory (%s for the whole folder) has %d of them, misses %d and has %d more. Difference: %.2f%%. Frameworks assigned: %v.\n\n",
		len(listed), len(modules), total, took.Round(time.Millisecond), matched, missing, extra, 100*float64(missing+extra)/float64(max(total, 1)), frameworks)
	if len(rows) > 0 {
		fmt.Println("| module | missing | extra | e.g. missing |\n| --- | --- | --- | --- |")
		for i, r := range rows {
			if i == 25 {
				fmt.Printf("| … %d more modules | | | |\n", len(rows)-25)
				break
			}
			fmt.Printf("| %s | %d | %d | %s |\n", r.module, r.missing, r.extra, r.exampleMissing)
		}
	}
	return nil
}
