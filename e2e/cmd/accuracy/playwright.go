package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Playwright Test lists a suite without running it or starting a browser:
// `playwright test --list --reporter=json` loads every test file through the
// package's own playwright.config and writes the tree of suites and specs,
// each spec with its declaration site. A spec is one declared test; the
// projects it runs in are its tests, counted once here, as the inventory
// counts it. The listing is written as a Jest-style report and compared like
// Jest's.
//
//	go run ./cmd/accuracy playwright ROOT [PLAYWRIGHT_ARG ...]
//
// ROOT holds node_modules/.bin/playwright (`npm install @playwright/test` at
// the version of its package.json is enough: listing needs no browser);
// PLAYWRIGHT_ARGs go after `test --list` (--config, --project …). A file
// that does not load is an error of the listing, reported as such.

func init() {
	register("playwright", "ROOT [PLAYWRIGHT_ARG ...]", 1, -1, func(args []string) error { return runPlaywright(args[0], args[1:]) })
}

// playwrightList is what `playwright test --list --reporter=json` writes.
type playwrightList struct {
	Config struct {
		RootDir string `json:"rootDir"`
	} `json:"config"`
	Suites []playwrightSuite `json:"suites"`
	Errors []struct {
		Message string `json:"message"`
	} `json:"errors"`
}

type playwrightSuite struct {
	Title  string            `json:"title"`
	File   string            `json:"file"`
	Specs  []playwrightSpec  `json:"specs"`
	Suites []playwrightSuite `json:"suites"`
}

type playwrightSpec struct {
	Title  string `json:"title"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	Tests  []struct {
		ExpectedStatus string `json:"expectedStatus"`
	} `json:"tests"`
}

func runPlaywright(root string, args []string) error {
	root, collector, err := locate(root)
	if err != nil {
		return err
	}
	bin := filepath.Join(root, "node_modules", ".bin", "playwright")
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%s: no playwright installed (npm install @playwright/test in %s first)", bin, root)
	}
	cmd := exec.Command(bin, append([]string{"test", "--list", "--reporter=json"}, args...)...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CI=true")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	var list playwrightList
	if jerr := json.Unmarshal(out, &list); jerr != nil {
		return fmt.Errorf("playwright test --list wrote no JSON (%v): %w: %s", err, jerr, tail(string(out), 2000))
	}
	for _, e := range list.Errors {
		// A file that fails to load is listed as an error, not as a file:
		// say so rather than count its tests as missing.
		fmt.Fprintf(os.Stderr, "playwright: %s\n", tail(e.Message, 500))
	}
	report, err := playwrightReport(list)
	if err != nil {
		return err
	}
	f, err := os.CreateTemp("", "accuracy-playwright-*.json")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(report); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	path := f.Name()
	doc, took, err := timedInventory(collector, root)
	if err != nil {
		return err
	}
	return compareJS("playwright", root, []string{path}, doc, took)
}

// playwrightReport writes the listing as a Jest-style report: one test
// result per spec, under the titles of its describe blocks.
func playwrightReport(list playwrightList) ([]byte, error) {
	var results []jsFileResult
	var walk func(s playwrightSuite, titles []string, r *jsFileResult)
	walk = func(s playwrightSuite, titles []string, r *jsFileResult) {
		for _, sp := range s.Specs {
			a := jsAssertion{AncestorTitles: append([]string{}, titles...), Title: sp.Title, Status: "passed", Location: &jsLocation{Line: sp.Line, Column: sp.Column}}
			if len(sp.Tests) > 0 && sp.Tests[0].ExpectedStatus == "skipped" {
				a.Status = "pending"
			}
			r.AssertionResults = append(r.AssertionResults, a)
		}
		for _, c := range s.Suites {
			walk(c, append(titles, c.Title), r)
		}
	}
	for _, s := range list.Suites {
		// The top suites are the files, named relative to the config's
		// rootDir (its testDir).
		r := jsFileResult{Name: filepath.Join(list.Config.RootDir, filepath.FromSlash(s.File)), Status: "passed"}
		walk(s, nil, &r)
		results = append(results, r)
	}
	return json.Marshal(map[string]any{"testResults": results})
}
