package main

import _ "embed"

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
	register("mocha", "ROOT [MOCHA_ARG ...]", 1, -1, func(args []string) error { return runMocha(args[0], args[1:]) })
}

func runMocha(root string, mochaArgs []string) error {
	return runJSLister("mocha", root, "", mochaLister, func(lister string) []string {
		return append(append([]string{}, mochaArgs...), "--require", lister, "--reporter", lister)
	})
}
