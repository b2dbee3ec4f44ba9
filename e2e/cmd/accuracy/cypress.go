package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// Cypress: its runner is a binary that `npm install cypress` downloads from
// cypress.io, but it declares a spec's tests with Mocha's BDD interface
// (describe, context, it, specify, .only, .skip, xdescribe, xit, the hooks),
// overloaded to take a test configuration — it('t', { browser, retries },
// fn) — and with its own globals (cy, Cypress, expect, assert, chai). So the
// package's Mocha 10 CLI loads the spec files through tsx (TypeScript and
// the ES module syntax Cypress' bundler accepts in .js files), with
// cypress_globals.js --required before the Mocha lister: it installs
// Cypress' overload on every file (a configuration whose { browser } does not
// match the run's declares the test skipped, titled "… (skipped due to
// browser)", as Cypress does) and permissive cy and Cypress objects
// (Cypress.env() and config() read the project's cypress.json or
// cypress.config.*, cypress.env.json and CYPRESS_* variables). The lister
// records each test's declaration site and writes the loaded tree as a
// Jest-style report, compared like Jest's; then each listed test's status
// is compared with the inventory's, as the bun mode compares its run's:
// pending (.skip, xit, a skipped describe's test, a { browser } that is not
// the run's, and a test without a function, which Mocha has no todo for: the
// inventory's todo counts as skipped) or not. With ACCURACY_REPORT set, the
// lister's report is kept there.
//
//	go run ./cmd/accuracy cypress ROOT [--browser NAME] [--env K=V,...] [MOCHA_ARG ...]
//
// ROOT is the Cypress project (its cypress.json or cypress.config.*), with
// node_modules/.bin/mocha (Mocha 10) and tsx installed beside the package's
// devDependencies (CYPRESS_INSTALL_BINARY=0 npm install; npm install
// mocha@10 tsx). --browser and --env are `cypress run`'s (electron by
// default); MOCHA_ARGs name the spec files as the project's specPattern (or
// integrationFolder and testFiles) and excludeSpecPattern do: globs and
// --exclude. Mocha's configuration files are not read (Cypress reads none),
// nor is the support file unless given as a --require. A file that does not
// load is left out of both sides and counted.
//
// The limit: this is Cypress' declarations through Mocha, not Cypress'
// runner — what a spec declares when it is loaded in Node with Cypress'
// overload and stand-ins for its globals, rather than bundled and run in a
// browser. A spec that reads the browser's window or document, a value of
// cy or of a plugin while declaring, or a Cypress global not stood in for,
// may declare otherwise, or not load, here; .only is listed with the others
// (Mocha's reporter sees every test), as the mocha mode does.
//
//go:embed cypress_globals.js
var cypressGlobals []byte

// cypressSkippedDueToBrowser is what Cypress adds to the title of a test or
// suite whose { browser } option is not the run's browser.
const cypressSkippedDueToBrowser = " (skipped due to browser)"

func init() {
	register("cypress", "ROOT [--browser NAME] [--env K=V,...] [MOCHA_ARG ...]", 1, -1, func(args []string) error { return runCypress(args[0], args[1:]) })
}

func runCypress(root string, args []string) error {
	abs, err := filepath.Abs(root)
	if err != nil {
		return err
	}
	mocha := filepath.Join(abs, "node_modules", ".bin", "mocha")
	if _, err := os.Stat(mocha); err != nil {
		return fmt.Errorf("%s: no mocha installed (npm install mocha@10 in %s first)", mocha, abs)
	}
	if _, err := os.Stat(filepath.Join(abs, "node_modules", "tsx", "package.json")); err != nil {
		return fmt.Errorf("%s: no tsx installed (npm install tsx in %s first)", abs, abs)
	}
	browser, cyEnv, mochaArgs, err := cypressArgs(args)
	if err != nil {
		return err
	}
	envJSON, err := json.Marshal(cyEnv)
	if err != nil {
		return err
	}
	extras := jsListerExtras{
		files: map[string][]byte{"cypress_globals.js": cypressGlobals},
		env:   []string{"CYPRESS_ACCURACY_BROWSER=" + browser, "CYPRESS_ACCURACY_ENV=" + string(envJSON)},
		after: func(report string, doc inventory.Document) error {
			return compareCypressStatuses(abs, report, doc)
		},
	}
	return runJSListerWith("cypress", abs, mocha, mochaLister, func(lister string) []string {
		globals := filepath.Join(filepath.Dir(lister), "cypress_globals.js")
		head := []string{"--no-config", "--no-package", "--ui", "bdd", "--require", "tsx/cjs", "--require", globals}
		return append(append(head, mochaArgs...), "--require", lister, "--reporter", lister)
	}, extras)
}

// cypressArgs takes `cypress run`'s --browser and --env out of args: the
// browser's name (electron when not given), the env values (K=V pairs,
// comma-separated, values read as Cypress reads them: JSON when they parse,
// else strings), and Mocha's arguments.
func cypressArgs(args []string) (browser string, env map[string]any, mochaArgs []string, err error) {
	browser, env = "electron", map[string]any{}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, inline := strings.Cut(a, "=")
		if name != "--browser" && name != "--env" {
			mochaArgs = append(mochaArgs, a)
			continue
		}
		if !inline {
			if i+1 >= len(args) {
				return "", nil, nil, fmt.Errorf("%s needs a value", name)
			}
			i++
			value = args[i]
		}
		if name == "--browser" {
			browser = value
			continue
		}
		for _, kv := range strings.Split(value, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				return "", nil, nil, fmt.Errorf("--env %q: want KEY=VALUE", kv)
			}
			var parsed any
			if json.Unmarshal([]byte(v), &parsed) != nil {
				parsed = v
			}
			env[k] = parsed
		}
	}
	return browser, env, mochaArgs, nil
}

// compareCypressStatuses compares the status of every listed test (pending
// or not) with the inventory's, as the bun mode compares its ordinary run's;
// with ACCURACY_REPORT set, the lister's report is kept there.
func compareCypressStatuses(root, report string, doc inventory.Document) error {
	if keep := os.Getenv("ACCURACY_REPORT"); keep != "" {
		b, err := os.ReadFile(report)
		if err != nil {
			return err
		}
		if err := os.WriteFile(keep, b, 0o644); err != nil {
			return err
		}
	}
	results, failed, _, err := readJSReports(root, []string{report})
	if err != nil {
		return err
	}
	listed := make([]bunResult, 0, len(results))
	browserSkipped := 0
	for _, r := range results {
		listed = append(listed, bunResult{file: r.file, suite: r.suite, title: r.title, line: r.line, status: r.status})
		if r.status == "pending" && (strings.HasSuffix(r.title, cypressSkippedDueToBrowser) || slices.ContainsFunc(r.suite, func(s string) bool { return strings.HasSuffix(s, cypressSkippedDueToBrowser) })) {
			browserSkipped++
		}
	}
	// Mocha, so Cypress, has no todo: a test without a function is pending,
	// as a skipped one is.
	files := make([]inventory.File, len(doc.Files))
	for i, f := range doc.Files {
		f.Tests = slices.Clone(f.Tests)
		for j := range f.Tests {
			if f.Tests[j].Status == inventory.TestTodo {
				f.Tests[j].Status = inventory.TestSkipped
			}
		}
		files[i] = f
	}
	doc.Files = files
	st := compareBunStatuses(root, listed, listed, failed, doc)
	fmt.Printf("### cypress: statuses\n\nPending: .skip, xit, a test without a function (the inventory's todo), a skipped describe's, and %d skipped because their { browser } is not this run's (the inventory reports such a test active: decided at run time).\n\n", browserSkipped)
	printBunStatuses(st)
	if p := os.Getenv("ACCURACY_DETAILS"); p != "" && len(st.details) > 0 {
		f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY|os.O_CREATE, 0o644)
		if err != nil {
			return err
		}
		defer f.Close()
		for _, d := range st.details {
			if _, err := fmt.Fprintln(f, d); err != nil {
				return err
			}
		}
	}
	return nil
}
