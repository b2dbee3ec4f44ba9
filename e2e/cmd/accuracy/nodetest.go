package main

import (
	_ "embed"
	"os/exec"
)

// node:test has no listing, but a name pattern nothing matches makes `node
// --test` load every file and declare every suite and test without running
// a test body (describe bodies run, as they do to declare), and report each
// test as skipped with its name, nesting and declaration site.
// nodetest_lister.js, given as the test reporter, rebuilds each file's
// tree from those events and writes it as a Jest-style report, which is then
// compared like Jest's. Subtests a test's body makes (t.test) are not
// declared, by node or by the inventory.
//
//	go run ./cmd/accuracy node-test ROOT [FILE ...]
//
// ROOT is the package (its dependencies installed); FILEs are its test files
// (node 20 does not expand globs: let the shell do it, as the package's
// runner does) or nothing for node's own discovery. A file that does not
// load is left out of both sides and counted.
//
//go:embed nodetest_lister.js
var nodeTestLister []byte

// matchesNoTitle is a name pattern no test title matches.
const matchesNoTitle = `^\x00accuracy: no test has this title\x00$`

func init() {
	register("node-test", "ROOT [FILE ...]", 1, -1, func(args []string) error { return runNodeTest(args[0], args[1:]) })
}

func runNodeTest(root string, files []string) error {
	node, err := exec.LookPath("node")
	if err != nil {
		return err
	}
	return runJSLister("node", root, node, nodeTestLister, func(lister string) []string {
		return append([]string{"--test", "--test-reporter=" + lister, "--test-name-pattern=" + matchesNoTitle}, files...)
	})
}
