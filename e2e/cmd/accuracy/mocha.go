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

// Mocha: the package's own Mocha CLI, with its own configuration (.mocharc,
// package.json, the spec globs of its test script), loads every test file;
// mocha_lister.js, given as a --require module and as the reporter, records
// each test's declaration site and writes the loaded tree as a Jest-style
// report before anything runs. The report is then compared like Jest's.
//
//	go run ./cmd/accuracy mocha ROOT [MOCHA_ARG ...]
//
// ROOT holds node_modules/.bin/mocha (`npm install` of the package's
// devDependencies); MOCHA_ARGs are what its test script passes (spec files or
// globs, --ui, --require …). A file that does not load is left out of both
// sides and counted. The inventory's test conditions (an if around a test)
// are evaluated in the same process once the suite is loaded, for the row
// "for this configuration".
//
//go:embed mocha_lister.js
var mochaLister []byte

func init() {
	modes["mocha"] = struct {
		usage string
		run   func(args []string) error
	}{"ROOT [MOCHA_ARG ...]", func(args []string) error {
		if len(args) < 1 {
			return fmt.Errorf("usage: accuracy mocha ROOT [MOCHA_ARG ...]")
		}
		return runMocha(args[0], args[1:])
	}}
}

func runMocha(root string, mochaArgs []string) error {
	root, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "accuracy-mocha-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	lister := filepath.Join(dir, "lister.js")
	report := filepath.Join(dir, "report.json")
	if err := os.WriteFile(lister, mochaLister, 0o644); err != nil {
		return err
	}
	bin := filepath.Join(root, "node_modules", ".bin", "mocha")
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%s: no mocha installed (npm install in %s first)", bin, root)
	}
	conditions := filepath.Join(dir, "conditions.json")
	if err := writeJSConditions(root, conditions); err != nil {
		return err
	}
	cmd := exec.Command(bin, append(append([]string{}, mochaArgs...), "--require", lister, "--reporter", lister)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CI=true", "MOCHA_ACCURACY_OUT="+report, "MOCHA_ACCURACY_CONDITIONS="+conditions)
	out, err := cmd.CombinedOutput()
	if st, _ := os.Stat(report); st == nil || st.Size() == 0 {
		return fmt.Errorf("mocha wrote no report (%v): %s", err, tail(string(out), 2000))
	}
	return runJS("mocha", root, []string{report})
}

// writeJSConditions writes the distinct conditions of the inventory's
// JavaScript and TypeScript tests under root, as a JSON array, for the
// lister to evaluate.
func writeJSConditions(root, path string) error {
	_, collector, err := locate(root)
	if err != nil {
		return err
	}
	doc, err := inventoryOf(collector, root)
	if err != nil {
		return err
	}
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
