package main

import _ "embed"

// Jasmine: the package's own Jasmine CLI, with its own configuration
// (spec/support/jasmine.json, --config or JASMINE_CONFIG_PATH, its helpers
// and spec files, or the spec files of its test script), loads every spec
// file; jasmine_lister.js, given as one more --helper, records each spec's
// declaration site and writes the loaded specs as a Jest-style report before
// anything runs. The report is then compared like Jest's.
//
//	go run ./cmd/accuracy jasmine ROOT [JASMINE_ARG ...]
//
// ROOT holds node_modules/.bin/jasmine (`npm install` of the package's
// devDependencies); JASMINE_ARGs are what its test script passes (--config=,
// JASMINE_CONFIG_PATH=, spec files, --filter= …). A file that does not load,
// or whose describe throws while declaring, is left out of both sides and
// counted.
//
//go:embed jasmine_lister.js
var jasmineLister []byte

func init() {
	register("jasmine", "ROOT [JASMINE_ARG ...]", 1, -1, func(args []string) error { return runJasmine(args[0], args[1:]) })
}

func runJasmine(root string, jasmineArgs []string) error {
	return runJSLister("jasmine", root, "", jasmineLister, func(lister string) []string {
		return append(append([]string{}, jasmineArgs...), "--helper="+lister)
	})
}
