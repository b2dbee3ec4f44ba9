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

	"github.com/testlens/testlens/contracts/inventory"
)

// Minitest has no listing of its own: minitestScript loads the test files
// the way `rake test` does (minitest required, each file required once) and
// asks Minitest what it would run — every Runnable's runnable_methods — with
// where each method is written (source_location), then leaves before
// minitest/autorun runs anything.
//
//	go run ./cmd/accuracy minitest ROOT
//
// ROOT is the gem or project folder (lib/ and test/ are put on the load
// path; its test/**/test_*.rb and *_test.rb files are loaded).
//
// Declared tests: the runner's methods grouped by location (file, line): a
// test written once is one declared test however many classes run it (a
// module of tests included in several classes). A location is found when
// the inventory has a declared test there; its name is checked against the
// method (a spec's it "does x" is the method test_0001_does x).
const minitestScript = `
require "json"
require "minitest"
files = ARGV
out = []
begin
  files.each { |f| require File.expand_path(f) }
rescue Exception => e
  STDERR.puts "load error: #{e.class}: #{e.message}"
end
Minitest::Runnable.runnables.each do |r|
  next if r.name.nil?
  r.runnable_methods.each do |m|
    file, line = r.instance_method(m).source_location
    out << {"class" => r.name, "method" => m, "file" => file, "line" => line}
  end
end
STDOUT.write(JSON.generate(out))
STDOUT.flush
exit!(0)
`

type minitestMethod struct {
	Class  string `json:"class"`
	Method string `json:"method"`
	File   string `json:"file"`
	Line   int    `json:"line"`
}

var specMethod = regexp.MustCompile(`^test_\d{4}_`)

func runMinitest(root string) error {
	root, collector, err := locate(root)
	if err != nil {
		return err
	}
	var files []string
	err = filepath.WalkDir(filepath.Join(root, "test"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if b := d.Name(); strings.HasPrefix(b, "test_") && strings.HasSuffix(b, ".rb") || strings.HasSuffix(b, "_test.rb") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	sort.Strings(files)
	cmd := exec.Command("ruby", append([]string{"-I", filepath.Join(root, "lib"), "-I", filepath.Join(root, "test"), "-e", minitestScript}, files...)...)
	cmd.Dir = root
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("ruby: %v: %s", err, tail(stderr.String(), 2000))
	}
	var methods []minitestMethod
	if err := json.Unmarshal(out, &methods); err != nil {
		return fmt.Errorf("ruby printed no list: %v: %s", err, tail(stderr.String(), 2000))
	}
	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}

	// The runner's view: methods written under root, by location.
	var under []minitestMethod
	outside := 0
	for _, m := range methods {
		rel, err := filepath.Rel(root, m.File)
		if err != nil || strings.HasPrefix(rel, "..") || m.Line == 0 {
			outside++ // minitest's own framework methods, or a method defined by eval
			continue
		}
		m.File = filepath.ToSlash(rel)
		under = append(under, m)
	}
	groups, byLoc := groupByLocation(under, func(_ int, m minitestMethod) string { return m.File + ":" + strconv.Itoa(m.Line) })
	theirFiles := map[string]bool{}
	for _, m := range under {
		theirFiles[m.File] = true
	}

	// The inventory's view.
	ours := map[string][]string{} // location → names
	ourFiles := map[string]bool{}
	frameworks := map[inventory.Framework]int{}
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageRuby || f.Framework != inventory.FrameworkMinitest && !theirFiles[f.Path] {
			continue
		}
		frameworks[f.Framework]++
		ourFiles[f.Path] = true
		for _, t := range f.Tests {
			if t.Kind == inventory.KindTest {
				k := f.Path + ":" + strconv.Itoa(t.Line)
				ours[k] = append(ours[k], t.Name)
			}
		}
	}

	var r cargoReport
	found, missing, namesChecked, namesEqual := 0, 0, 0, 0
	for _, g := range groups {
		r.runner++
		m := g.items[0]
		example := fmt.Sprintf("%s:%d %s#%s", m.File, m.Line, m.Class, m.Method)
		names, ok := ours[g.key]
		if !ok {
			missing++
			r.missing++
			switch {
			case !ourFiles[m.File]:
				r.cause("missing: file not in the inventory", example)
			default:
				r.cause("missing: no test at this line", example)
			}
			continue
		}
		found++
		r.found++
		if len(names) == 1 {
			namesChecked++
			want := specMethod.ReplaceAllString(m.Method, "")
			if names[0] == want || names[0] == m.Method {
				namesEqual++
			} else {
				r.details = append(r.details, "name differs\t"+example+" (inventory: "+names[0]+")")
			}
		}
	}
	extra := 0
	for k, names := range ours {
		if byLoc[k] == nil {
			for _, n := range names {
				extra++
				r.extra++
				r.cause("extra: no runnable method written at this line", k+" "+n)
			}
		}
	}
	fmt.Printf("## Minitest: %s\n\n", root)
	fmt.Printf("%d test files loaded; Minitest would run %d methods (%d written outside the folder or by eval, left out) at %d locations. "+
		"Inventory: %s; frameworks assigned: %v.\n\n", len(files), len(methods), outside, len(groups), took.Round(1e6), frameworks)
	fmt.Println("| measure | runner | found | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	fmt.Printf("| declared tests (locations) | %d | %d | %d | %d | %.2f %% |\n", len(groups), found, missing, extra,
		100*float64(missing+extra)/float64(max(len(groups), 1)))
	fmt.Printf("| names (locations with one test) | %d | %d equal | | | %.2f %% |\n\n", namesChecked, namesEqual,
		100*float64(namesChecked-namesEqual)/float64(max(namesChecked, 1)))
	missingFiles := unreported(theirFiles, func(f string) bool { return ourFiles[f] })
	fmt.Printf("Test files missing: %d %v.\n\n", len(missingFiles), missingFiles)
	r.print()
	return writeDetails(r.details)
}
