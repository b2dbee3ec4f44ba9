package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/testlens/testlens/contracts/inventory"
)

// jsListerCommon is what the Mocha and Jasmine listers share; it is written
// beside them as jslister_common.js.
//
//go:embed jslister_common.js
var jsListerCommon []byte

// runJSLister runs a JavaScript runner (bin: its own CLI, ROOT/node_modules/
// .bin/runner, installed by `npm install` of the package's devDependencies,
// when empty) with the package's arguments and a lister loaded into it
// (args gives the whole command line with the lister's path: --require,
// --helper, --test-reporter …). The lister writes a Jest-style report of what
// the runner loaded, with the inventory's test conditions evaluated in the
// runner's process, and exits before anything runs; the report is then
// compared like Jest's.
func runJSLister(runner, root, bin string, lister []byte, args func(lister string) []string) error {
	return runJSListerWith(runner, root, bin, lister, args, jsListerExtras{})
}

// jsListerExtras is what a mode adds to runJSLister: modules written beside
// the lister (by name; frames in that folder are never a declaration site,
// so a module that wraps the runner's functions does not hide the test
// file's), variables for the runner's environment, and a comparison of its
// own once compareJS has printed, given the lister's report.
type jsListerExtras struct {
	files map[string][]byte
	env   []string
	after func(report string, doc inventory.Document) error
}

// runJSListerWith is runJSLister with extras.
func runJSListerWith(runner, root, bin string, lister []byte, args func(lister string) []string, extras jsListerExtras) error {
	root, collector, err := locate(root)
	if err != nil {
		return err
	}
	if bin == "" {
		bin = filepath.Join(root, "node_modules", ".bin", runner)
		if _, err := os.Stat(bin); err != nil {
			return fmt.Errorf("%s: no %s installed (npm install in %s first)", bin, runner, root)
		}
	}
	// A folder name without glob characters (Jasmine globs helper paths),
	// and no package.json around the listers: they load as CommonJS.
	dir, err := os.MkdirTemp("", "accuracy-"+runner+"-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "lister.js")
	report := filepath.Join(dir, "report.json")
	conditions := filepath.Join(dir, "conditions.json")
	if err := os.WriteFile(path, lister, 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "jslister_common.js"), jsListerCommon, 0o644); err != nil {
		return err
	}
	for name, b := range extras.files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	// One inventory: its conditions go to the lister, and it is compared.
	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	if err := writeJSConditions(doc, conditions); err != nil {
		return err
	}
	cmd := exec.Command(bin, args(path)...)
	cmd.Dir = root
	cmd.Env = append(append(os.Environ(), extras.env...), "CI=true", "JS_ACCURACY_OUT="+report, "JS_ACCURACY_CONDITIONS="+conditions)
	out, err := cmd.CombinedOutput()
	if st, _ := os.Stat(report); st == nil || st.Size() == 0 {
		return fmt.Errorf("%s wrote no report (%v): %s", runner, err, tail(string(out), 2000))
	}
	if err := compareJS(runner, root, []string{report}, doc, took); err != nil || extras.after == nil {
		return err
	}
	return extras.after(report, doc)
}

// writeJSConditions writes the distinct conditions of doc's JavaScript and
// TypeScript tests, as a JSON array, for the lister to evaluate.
func writeJSConditions(doc inventory.Document, path string) error {
	seen := map[string]bool{}
	conds := []string{}
	for _, f := range doc.Files {
		if f.Language != inventory.LanguageJavaScript && f.Language != inventory.LanguageTypeScript {
			continue
		}
		for _, t := range f.Tests {
			if t.Condition != "" && !seen[t.Condition] {
				seen[t.Condition] = true
				conds = append(conds, t.Condition)
			}
		}
	}
	b, err := json.Marshal(conds)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}
