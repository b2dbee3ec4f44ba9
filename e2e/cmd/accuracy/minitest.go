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
// path; its test/**/test_*.rb and *_test.rb files are loaded). A file that
// raises while loading is named with its error and left out of both sides;
// what the suite prints while loading goes to stderr, not into the list.
//
// Declared tests: the runner's methods grouped by location (file, line): a
// test written once is one declared test however many classes run it (a
// module of tests included in several classes). A location is found when
// the inventory has a declared test there; its name is checked against the
// method (a spec's it "does x" is the method test_0001_does x).
//
// For this configuration: the inventory's tests whose Condition the same
// ruby, once the files are loaded, finds true (or cannot evaluate), each
// evaluated in its test class (see rbcond.go); the conditions come in the
// file ACCURACY_RUBY_CONDITIONS names.
const minitestScript = `
require "json"
# The list goes to the real stdout; whatever the suite prints (a helper's
# puts) goes to stderr.
__accuracy_out = STDOUT.dup
STDOUT.reopen(STDERR)
require "minitest"
# Minitest 5.16+ shuffles runnable_methods with Minitest.seed, which only
# Minitest.run sets: any seed lists the same methods.
Minitest.seed ||= 0 if Minitest.respond_to?(:seed=)
files = ARGV
out = []
load_errors = []
files.each do |f|
  begin
    require File.expand_path(f)
  rescue Exception => e
    load_errors << {"file" => File.expand_path(f), "error" => "#{e.class}: #{e.message}"[0, 300]}
  end
end
Minitest::Runnable.runnables.each do |r|
  next if r.name.nil?
  r.runnable_methods.each do |m|
    file, line = r.instance_method(m).source_location
    out << {"class" => r.name, "method" => m, "file" => file, "line" => line}
  end
end
` + rubyConditionEval + `
pairs = ENV["ACCURACY_RUBY_CONDITIONS"] ? JSON.parse(File.read(ENV["ACCURACY_RUBY_CONDITIONS"])) : []
__accuracy_out.write(JSON.generate({"methods" => out, "ruby" => RUBY_DESCRIPTION, "conditions" => __accuracy_conditions(pairs), "load_errors" => load_errors}))
__accuracy_out.flush
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
	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	// The inventory's conditions, for the lister to evaluate.
	var conds rbConditions
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageRuby {
			continue
		}
		for _, t := range f.Tests {
			if t.Kind == inventory.KindTest {
				conds.add(minitestCondition(t))
			}
		}
	}
	condPairs, condIn := conds.pairs()
	condFile, err := os.CreateTemp("", "accuracy-conditions-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(condFile.Name())
	if _, err := condFile.Write(condIn); err != nil {
		return err
	}
	condFile.Close()
	cmd := exec.Command("ruby", append([]string{"-I", filepath.Join(root, "lib"), "-I", filepath.Join(root, "test"), "-e", minitestScript}, files...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "ACCURACY_RUBY_CONDITIONS="+condFile.Name())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("ruby: %v: %s", err, tail(stderr.String(), 2000))
	}
	var listed struct {
		Methods    []minitestMethod `json:"methods"`
		Ruby       string           `json:"ruby"`
		Conditions []string         `json:"conditions"`
		LoadErrors []struct {
			File  string `json:"file"`
			Error string `json:"error"`
		} `json:"load_errors"`
	}
	if err := json.Unmarshal(out, &listed); err != nil {
		return fmt.Errorf("ruby printed no list: %v: %s", err, tail(stderr.String(), 2000))
	}
	methods := listed.Methods
	conds.ruby, conds.suite = listed.Ruby, "after loading the test files, in each test's class"
	if err := conds.set(condPairs, listed.Conditions); err != nil {
		return err
	}

	// Files Ruby could not load are left out of both sides: what the
	// runner would run from them is unknown.
	unloaded := map[string]string{}
	for _, le := range listed.LoadErrors {
		if rel, err := filepath.Rel(root, le.File); err == nil {
			unloaded[filepath.ToSlash(rel)] = le.Error
		}
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
		if _, ok := unloaded[m.File]; ok {
			continue
		}
		under = append(under, m)
	}
	groups, byLoc := groupByLocation(under, func(_ int, m minitestMethod) string { return m.File + ":" + strconv.Itoa(m.Line) })
	theirFiles := map[string]bool{}
	for _, m := range under {
		theirFiles[m.File] = true
	}

	// The inventory's view.
	ours := map[string][]string{}          // location → names
	oursCond := map[string][]rbCondition{} // location → the tests' conditions
	conds.tests = nil                      // counted again over the files compared
	ourFiles := map[string]bool{}
	frameworks := map[inventory.Framework]int{}
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageRuby || f.Framework != inventory.FrameworkMinitest && !theirFiles[f.Path] {
			continue
		}
		if _, ok := unloaded[f.Path]; ok {
			continue
		}
		frameworks[f.Framework]++
		ourFiles[f.Path] = true
		for _, t := range f.Tests {
			if t.Kind == inventory.KindTest {
				k := f.Path + ":" + strconv.Itoa(t.Line)
				ours[k] = append(ours[k], t.Name)
				oursCond[k] = append(oursCond[k], minitestCondition(t))
				conds.add(minitestCondition(t))
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
	// For this configuration: a location counts where one of its tests'
	// conditions holds.
	cfgFound, cfgMissing, cfgExtra := 0, 0, 0
	var cfgDetails []string
	for _, k := range sortedKeys(oursCond) {
		held := 0
		for _, c := range oursCond[k] {
			if conds.holds(c) {
				held++
			}
		}
		switch {
		case byLoc[k] != nil && held > 0:
			cfgFound++
		case byLoc[k] != nil:
			cfgMissing++
			cfgDetails = append(cfgDetails, "this configuration: missing (condition false)\t"+k)
		default:
			cfgExtra += held
			if held > 0 {
				cfgDetails = append(cfgDetails, "this configuration: extra\t"+k)
			}
		}
	}
	cfgMissing += missing
	r.details = append(r.details, cfgDetails...)
	fmt.Printf("## Minitest: %s\n\n", root)
	fmt.Printf("%d test files loaded; Minitest would run %d methods (%d written outside the folder or by eval, left out) at %d locations. "+
		"Inventory: %s; frameworks assigned: %v.\n\n", len(files), len(methods), outside, len(groups), took.Round(1e6), frameworks)
	fmt.Println("| measure | runner | found | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	fmt.Printf("| declared tests (locations) | %d | %d | %d | %d | %.2f %% |\n", len(groups), found, missing, extra,
		100*float64(missing+extra)/float64(max(len(groups), 1)))
	fmt.Println(rbConfigRow(len(groups), cfgFound, cfgMissing, cfgExtra))
	fmt.Printf("| names (locations with one test) | %d | %d equal | | | %.2f %% |\n\n", namesChecked, namesEqual,
		100*float64(namesChecked-namesEqual)/float64(max(namesChecked, 1)))
	missingFiles := unreported(theirFiles, func(f string) bool { return ourFiles[f] })
	fmt.Printf("Test files missing: %d %v.\n\n", len(missingFiles), missingFiles)
	if len(unloaded) > 0 {
		fmt.Printf("Files Ruby could not load (left out of both sides): %d\n\n", len(unloaded))
		for _, f := range sortedKeys(unloaded) {
			fmt.Printf("- `%s`: %s\n", f, unloaded[f])
		}
		fmt.Println()
	}
	conds.print()
	r.print()
	return writeDetails(r.details)
}

// minitestCondition is a test's condition, evaluated in its class: the
// suite of a Minitest::Test class is its qualified name (a spec's describe
// names no constant, and const_get falls back to the top level).
func minitestCondition(t inventory.Test) rbCondition {
	c := rbCondition{cond: t.Condition}
	if c.cond != "" && len(t.SuitePath) == 1 && isRubyConst(t.SuitePath[0]) {
		c.scope = t.SuitePath[0]
	}
	return c
}

// isRubyConst reports whether s is a constant path (Foo, Foo::BarTest).
func isRubyConst(s string) bool {
	for _, seg := range strings.Split(s, "::") {
		if seg == "" || seg[0] < 'A' || seg[0] > 'Z' {
			return false
		}
		for _, r := range seg {
			if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
				return false
			}
		}
	}
	return true
}
