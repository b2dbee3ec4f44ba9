package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// Ginkgo: every package of a Go module whose test binary is a Ginkgo suite
// is compiled and run with -ginkgo.dry-run, which walks the spec tree
// without running a spec, and -ginkgo.json-report, which names every spec:
// its containers' texts, its own text and its location. A binary that does
// not know the flags is not a Ginkgo suite and is left out.
//
//	go run ./cmd/accuracy ginkgo MODULE_DIR
//
// Two numbers: specs by full name (containers > text) against the
// inventory's ginkgo tests and table cases, and declared tests — specs
// grouped by their source line (the Entries of a table, or the Its of a
// loop, share a line per row or per It), found when the inventory has a test
// or case of that name or on that line.

type ginkgoSuiteReport struct {
	SuitePath   string
	SpecReports []struct {
		ContainerHierarchyTexts []string
		LeafNodeType            string
		LeafNodeText            string
		LeafNodeLocation        struct {
			FileName   string
			LineNumber int
		}
	}
}

func runGinkgo(root string) error {
	root, collector, err := locate(root)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "accuracy-ginkgo")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	list := exec.Command("go", "list", "-f", "{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}} {{.Dir}}{{end}}", "./...")
	list.Dir = root
	list.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	out, err := list.Output()
	if err != nil {
		return fmt.Errorf("go list in %s: %w", root, err)
	}

	type spec struct {
		file, key string
		line      int
	}
	var specs []spec
	suites, notGinkgo, failed := 0, 0, 0
	for i, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, dir, ok := strings.Cut(l, " ")
		if !ok {
			continue
		}
		bin := filepath.Join(tmp, fmt.Sprintf("p%d.test", i))
		build := exec.Command("go", "test", "-c", "-o", bin, pkg)
		build.Dir = root
		build.Env = list.Env
		if msg, err := build.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "build %s: %v\n%s", pkg, err, msg)
			failed++
			continue
		}
		if _, err := os.Stat(bin); err != nil {
			continue // no test files after all
		}
		report := filepath.Join(tmp, fmt.Sprintf("p%d.json", i))
		run := exec.Command(bin, "-ginkgo.dry-run", "-ginkgo.json-report="+report, "-ginkgo.no-color")
		run.Dir = dir
		var stderr bytes.Buffer
		run.Stderr = &stderr
		_ = run.Run() // a dry run of a suite with focused specs exits non-zero
		data, err := os.ReadFile(report)
		if err != nil {
			notGinkgo++
			continue
		}
		var reports []ginkgoSuiteReport
		if err := json.Unmarshal(data, &reports); err != nil {
			return fmt.Errorf("%s: %w", report, err)
		}
		for _, r := range reports {
			suites++
			for _, s := range r.SpecReports {
				if s.LeafNodeType != "It" {
					continue
				}
				rel, err := filepath.Rel(root, s.LeafNodeLocation.FileName)
				if err != nil || strings.HasPrefix(rel, "..") {
					continue
				}
				specs = append(specs, spec{filepath.ToSlash(rel), strings.Join(append(append([]string{}, s.ContainerHierarchyTexts...), s.LeafNodeText), " > "), s.LeafNodeLocation.LineNumber})
			}
		}
	}

	doc, err := inventoryOf(collector, root)
	if err != nil {
		return err
	}
	type item struct {
		key  string
		line int
	}
	ours := map[string][]item{} // file → ginkgo tests and cases
	names := map[string]bool{}  // file + key
	lines := map[string]bool{}  // file:line
	for _, f := range doc.Files {
		if f.Framework != inventory.FrameworkGinkgo {
			continue
		}
		for _, t := range f.Tests {
			if len(t.SuitePath) == 0 && strings.HasPrefix(t.Name, "Test") && t.Kind == inventory.KindTest {
				continue // the go test function that calls RunSpecs
			}
			key := strings.Join(append(append([]string{}, t.SuitePath...), t.Name), " > ")
			ours[f.Path] = append(ours[f.Path], item{key, t.Line})
			names[f.Path+"\x00"+key] = true
			lines[fmt.Sprintf("%s:%d", f.Path, t.Line)] = true
		}
	}

	// Specs by name.
	listed := map[string]bool{}
	matched, missing := 0, 0
	causes := map[string]int{}
	examples := map[string]string{}
	note := func(cause, example string) {
		causes[cause]++
		if examples[cause] == "" {
			examples[cause] = example
		}
	}
	files := map[string]bool{}
	for _, s := range specs {
		listed[s.file+"\x00"+s.key] = true
		files[s.file] = true
		switch {
		case names[s.file+"\x00"+s.key]:
			matched++
		case lines[fmt.Sprintf("%s:%d", s.file, s.line)]:
			missing++
			note("missing spec: declared on that line, named differently (a computed name, an Entry without description)", s.file+": "+s.key)
		case len(ours[s.file]) == 0:
			missing++
			note("missing spec: file not in the inventory as ginkgo", s.file+": "+s.key)
		default:
			missing++
			note("missing spec: nothing declared on that line", fmt.Sprintf("%s:%d: %s", s.file, s.line, s.key))
		}
	}
	extra := 0
	for file, items := range ours {
		for _, it := range items {
			if !listed[file+"\x00"+it.key] {
				extra++
				cause := "extra: not a spec the runner lists by that name"
				if !files[file] {
					cause = "extra: in a file the runner lists no spec from"
				}
				note(cause, fmt.Sprintf("%s:%d: %s", file, it.line, it.key))
			}
		}
	}

	// Declared tests: specs grouped by source line.
	type decl struct {
		file string
		line int
	}
	declared := map[decl]bool{}
	found := map[decl]bool{}
	for _, s := range specs {
		d := decl{s.file, s.line}
		declared[d] = true
		if names[s.file+"\x00"+s.key] || lines[fmt.Sprintf("%s:%d", s.file, s.line)] {
			found[d] = true
		}
	}
	missingFiles := unreported(files, func(f string) bool { return len(ours[f]) > 0 })

	fmt.Printf("## ginkgo: %s\n\n", root)
	fmt.Printf("%d Ginkgo suites (%d test binaries are not Ginkgo suites, %d did not build); the dry run lists %d specs from %d files.\n\n",
		suites, notGinkgo, failed, len(specs), len(files))
	fmt.Println("| measure | runner | inventory matches | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	fmt.Printf("| declared tests (specs by source line) | %d | %d | %d | | %.2f %% |\n", len(declared), len(found), len(declared)-len(found),
		100*float64(len(declared)-len(found))/float64(max(len(declared), 1)))
	fmt.Printf("| specs by full name | %d | %d | %d | %d | %.2f %% |\n\n", len(specs), matched, missing, extra,
		100*float64(missing+extra)/float64(max(len(specs), 1)))
	fmt.Printf("Test files the runner lists specs from that the inventory misses: %d %v.\n\n", len(missingFiles), missingFiles)
	if len(causes) > 0 {
		var keys []string
		for k := range causes {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return causes[keys[i]] > causes[keys[j]] })
		fmt.Println("| cause | specs | example |\n| --- | --- | --- |")
		for _, k := range keys {
			fmt.Printf("| %s | %d | `%s` |\n", k, causes[k], examples[k])
		}
	}
	return nil
}
