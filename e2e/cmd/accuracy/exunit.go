package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// ExUnit: every test module's __ex_unit__/0 holds the tests ExUnit would
// run, doctests included, each with its file and line, once the module is
// compiled. exunitLister loads a suite as `mix test` does — the helper, then
// every *_test.exs — and prints them without running any (System.halt skips
// the run that ExUnit.start queues for exit).
//
//	go run ./cmd/accuracy exunit ROOT
//
// Every test_helper.exs under ROOT is a suite: its test files are the
// *_test.exs beside and below it, loaded from the folder above its test/
// folder (a mix project's root). A file that does not load is left out of
// both sides and counted.
const exunitLister = `
[helper | files] = System.argv()
Code.require_file(helper)
for f <- files do
  try do
    Code.require_file(f)
  rescue
    e -> IO.puts("LOADFAIL\t#{Path.expand(f)}\t#{inspect(Exception.message(e))}")
  end
end
for {m, _} <- :code.all_loaded(), function_exported?(m, :__ex_unit__, 0), t <- m.__ex_unit__().tests do
  IO.puts(Enum.join(["TEST", Path.expand(t.tags.file), t.tags.line, t.tags.test_type, inspect(Atom.to_string(t.name))], "\t"))
end
System.halt(0)
`

func init() {
	register("exunit", "ROOT", 1, 1, func(args []string) error { return runExUnit(args[0]) })
}

// exunitTest is one test the runner lists.
type exunitTest struct {
	loc     string // file \t line
	doctest bool
	name    string
}

func runExUnit(root string) error {
	root, collector, err := locate(root)
	if err != nil {
		return err
	}
	work, err := os.MkdirTemp("", "accuracy-exunit")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	lister := filepath.Join(work, "list.exs")
	if err := os.WriteFile(lister, []byte(exunitLister), 0o644); err != nil {
		return err
	}
	var helpers []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "deps" || d.Name() == "_build" || d.Name() == "tmp") {
			return filepath.SkipDir
		}
		if d.Name() == "test_helper.exs" {
			helpers = append(helpers, p)
		}
		return nil
	})
	if err != nil {
		return err
	}

	var r cargoReport
	var theirs []exunitTest
	unloaded := map[string]bool{}
	suiteDir := map[string]string{} // test file → the folder its suite loads from
	for _, h := range helpers {
		cwd := filepath.Dir(h)
		for filepath.Base(cwd) != "test" && cwd != root && cwd != "/" {
			cwd = filepath.Dir(cwd)
		}
		cwd = filepath.Dir(cwd)
		args := []string{lister, h}
		_ = filepath.WalkDir(filepath.Dir(h), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, "_test.exs") {
				args = append(args, p)
				rel, _ := filepath.Rel(root, p)
				suiteDir[filepath.ToSlash(rel)] = cwd
			}
			return nil
		})
		cmd := exec.Command("elixir", args...)
		cmd.Dir = cwd
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return fmt.Errorf("elixir %s: %w", h, err)
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			f := strings.Split(sc.Text(), "\t")
			switch {
			case len(f) == 3 && f[0] == "LOADFAIL":
				rel, _ := filepath.Rel(root, f[1])
				unloaded[filepath.ToSlash(rel)] = true
				r.cause("not compared: the test file does not load here", filepath.ToSlash(rel)+": "+f[2])
			case len(f) == 5 && f[0] == "TEST":
				rel, err := filepath.Rel(root, f[1])
				if err != nil || strings.HasPrefix(rel, "..") {
					continue
				}
				name, err := strconv.Unquote(f[4])
				if err != nil {
					name = f[4]
				}
				theirs = append(theirs, exunitTest{loc: filepath.ToSlash(rel) + "\t" + f[2], doctest: f[3] == "doctest", name: name})
			}
		}
	}

	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	type ourTest struct {
		name, condition string
	}
	oursDecl := map[string]ourTest{}          // loc → declared test
	oursCases := map[string]map[string]bool{} // loc → case names
	ourFiles := map[string]bool{}
	conditions := map[string]map[string]bool{} // file → conditions
	for _, f := range doc.Files {
		if f.Framework != inventory.FrameworkExUnit || unloaded[f.Path] {
			continue
		}
		ourFiles[f.Path] = true
		for _, t := range f.Tests {
			loc := f.Path + "\t" + strconv.Itoa(t.Line)
			if t.Kind == inventory.KindCase {
				if oursCases[loc] == nil {
					oursCases[loc] = map[string]bool{}
				}
				oursCases[loc][t.Name] = true
				continue
			}
			oursDecl[loc] = ourTest{t.Name, t.Condition}
			if t.Condition != "" {
				if conditions[f.Path] == nil {
					conditions[f.Path] = map[string]bool{}
				}
				conditions[f.Path][t.Condition] = true
			}
		}
	}
	holds, err := exunitConditions(root, suiteDir, conditions)
	if err != nil {
		return err
	}

	// Declared tests, by location: a test written in a loop is one, and
	// so is a doctest call, however many tests it makes.
	theirDecl := map[string]string{}
	theirCases := map[string]map[string]bool{}
	theirFiles := map[string]bool{}
	var items, doctests int
	for _, t := range theirs {
		items++
		theirFiles[strings.SplitN(t.loc, "\t", 2)[0]] = true
		if _, ok := theirDecl[t.loc]; !ok {
			theirDecl[t.loc] = t.name
		}
		if t.doctest {
			doctests++
			if theirCases[t.loc] == nil {
				theirCases[t.loc] = map[string]bool{}
			}
			theirCases[t.loc][t.name] = true
		}
	}
	var all, here, cases cargoReport
	for loc, name := range theirDecl {
		all.runner++
		here.runner++
		if _, ok := oursDecl[loc]; ok {
			all.found++
			here.found++
			continue
		}
		all.missing++
		here.missing++
		r.cause("missing: declared test", strings.ReplaceAll(loc, "\t", ":")+" "+name)
	}
	for loc, t := range oursDecl {
		if _, ok := theirDecl[loc]; ok {
			continue
		}
		all.extra++
		file := strings.SplitN(loc, "\t", 2)[0]
		if t.condition != "" && holds[file][t.condition] == conditionFalse {
			r.cause("extra, its condition false here: "+t.condition, strings.ReplaceAll(loc, "\t", ":")+" "+t.name)
			continue
		}
		here.extra++
		r.cause("extra: declared test", strings.ReplaceAll(loc, "\t", ":")+" "+t.name)
	}
	for loc, names := range theirCases {
		for name := range names {
			cases.runner++
			if oursCases[loc][name] {
				cases.found++
				continue
			}
			cases.missing++
			r.cause("missing: doctest", strings.ReplaceAll(loc, "\t", ":")+" "+name)
		}
	}
	for loc, names := range oursCases {
		for name := range names {
			if !theirCases[loc][name] {
				cases.extra++
				r.cause("extra: doctest", strings.ReplaceAll(loc, "\t", ":")+" "+name)
			}
		}
	}
	undecided := 0
	for _, byCond := range holds {
		undecided += countConditions(byCond, conditionUnknown)
	}

	fmt.Printf("## ExUnit's own list (__ex_unit__ of every test module): %s\n\n", root)
	fmt.Printf("%d suites (test_helper.exs); the runner lists %d tests (%d of them doctests) in %d files; inventory in %s; "+
		"%d test files do not load here (left out of both sides); %d conditions could not be evaluated (counted as holding).\n\n",
		len(helpers), items, doctests, len(theirFiles), took.Round(1e6), len(unloaded), undecided)
	fmt.Println("| measure | runner | found | missing | extra | difference |\n| --- | --- | --- | --- | --- | --- |")
	row := func(name string, c cargoReport) {
		fmt.Printf("| %s | %d | %d | %d | %d | %.2f %% |\n", name, c.runner, c.found, c.missing, c.extra,
			100*float64(c.missing+c.extra)/float64(max(c.runner, 1)))
	}
	row("declared tests (a test, or a doctest call), by file and line", all)
	row("declared tests, for this configuration", here)
	row("doctests, by name", cases)
	fmt.Println()
	missingFiles := unreported(theirFiles, func(f string) bool { return ourFiles[f] })
	fmt.Printf("Test files missing: %d %v.\n\n", len(missingFiles), missingFiles)
	r.print()
	return writeDetails(r.details)
}

// reAttribute is a module attribute set on one line (`@name expr`);
// reAttrUse one used in an expression.
var (
	reAttribute = regexp.MustCompile(`(?m)^\s*@([a-z_]\w*)\s+(.+)$`)
	reAttrUse   = regexp.MustCompile(`@([a-z_]\w*)`)
)

// exunitConditions evaluates each test file's conditions with the runner's
// elixir, from the folder its suite loads from. A module attribute in a
// condition (`File.regular?(@lists_erl)`) is replaced by the expression the
// file sets it to on one line; what still fails to evaluate is unknown.
func exunitConditions(root string, suiteDir map[string]string, conditions map[string]map[string]bool) (map[string]map[string]conditionValue, error) {
	holds := map[string]map[string]conditionValue{}
	for file, conds := range conditions {
		src, err := os.ReadFile(filepath.Join(root, file))
		if err != nil {
			return nil, err
		}
		attrs := map[string]string{}
		for _, m := range reAttribute.FindAllSubmatch(src, -1) {
			if _, ok := attrs[string(m[1])]; !ok {
				attrs[string(m[1])] = string(m[2])
			}
		}
		var list []string
		for c := range conds {
			list = append(list, c)
		}
		sort.Strings(list)
		var script strings.Builder
		for _, c := range list {
			expr := reAttrUse.ReplaceAllStringFunc(c, func(a string) string {
				if v, ok := attrs[a[1:]]; ok {
					return "(" + v + ")"
				}
				return a
			})
			// Each is compiled on its own, so one that cannot be does not
			// take the others with it.
			quoted := strings.ReplaceAll(strconv.Quote(expr), "#{", `\#{`)
			fmt.Fprintf(&script, "IO.puts(try do\n  {v, _} = Code.eval_string(%s)\n  if(v, do: \"true\", else: \"false\")\nrescue\n  _ -> \"unknown\"\nend)\n", quoted)
		}
		cmd := exec.Command("elixir", "-e", script.String())
		cmd.Dir = suiteDir[file]
		out, err := cmd.Output()
		values := strings.Fields(string(out))
		holds[file] = map[string]conditionValue{}
		for i, c := range list {
			v := conditionUnknown
			if err == nil && i < len(values) {
				switch values[i] {
				case "true":
					v = conditionTrue
				case "false":
					v = conditionFalse
				}
			}
			holds[file][c] = v
		}
	}
	return holds, nil
}
