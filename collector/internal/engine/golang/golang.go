// Package golang is the engine's Go front end: it finds the tests, benchmarks,
// fuzz targets and runnable examples of the standard testing package in
// _test.go files, with the go tool's own rules, and the subtests whose names
// are visible in source (t.Run with a literal name or a literal table).
//
// It also reads the two runners built on top of package testing: testify
// suites (testify.go: suite methods become cases of the test that calls
// suite.Run) and Ginkgo (ginkgo.go: Describe/Context/When containers are
// suites, It/Specify are tests, DescribeTable entries are cases). A file's
// framework is testify when it imports github.com/stretchr/testify/suite,
// ginkgo when it imports ginkgo, else go-testing: testify's assert and
// require are helpers called from go-testing tests and do not make a file
// testify. A Ginkgo bootstrap (func TestX(t *testing.T) { RunSpecs(t, …) })
// is kept as a test, as `go test -list` lists it; its file imports ginkgo
// and so is labelled ginkgo.
//
// Everything is read from the syntax tree of one file; nothing is compiled or
// type-checked, so a name is trusted only when the file itself proves it (the
// import of "testing", a literal, a local table nobody reassigns).
package golang

import (
	"errors"
	"fmt"
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/scanner"
	"go/token"
	"path"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// MaxNames bounds the size of what one file may expand to, counted in names:
// each test costs its own name plus the names of its suite path. Nested
// literal tables multiply and deep nesting repeats paths, so a small hostile
// file could otherwise ask for gigabytes. A file over the bound is reported
// with a SkipReason.
const MaxNames = 1_000_000

// Extractor is the Go front end. Its zero value is ready and safe for
// concurrent use.
type Extractor struct{}

// Language returns inventory.LanguageGo.
func (Extractor) Language() inventory.Language { return inventory.LanguageGo }

// Framework returns inventory.FrameworkGoTesting: every Go test file is run
// by the testing package, whatever helper library it also uses.
func (Extractor) Framework() inventory.Framework { return inventory.FrameworkGoTesting }

// Candidate reports whether relPath names a _test.go file the go tool would
// build: not inside a testdata folder, and neither the file nor any folder on
// its path starting with "_" or ".".
func (Extractor) Candidate(relPath string) bool {
	dir, base := path.Split(relPath)
	if !strings.HasSuffix(base, "_test.go") || ignoredByGo(base) {
		return false
	}
	for elem := range strings.SplitSeq(dir, "/") {
		if elem == "testdata" || ignoredByGo(elem) {
			return false
		}
	}
	return true
}

func ignoredByGo(name string) bool {
	return strings.HasPrefix(name, "_") || strings.HasPrefix(name, ".")
}

// Extract parses one _test.go file. A file excluded by its build constraint
// or with a syntax error is returned with a SkipReason; a file without tests
// is not reported (ok=false). err is always nil.
func (Extractor) Extract(source *frontend.Source) (inventory.File, bool, error) {
	relPath, src := source.Path, source.Content
	f := inventory.File{
		Path:      relPath,
		Framework: inventory.FrameworkGoTesting,
		Language:  inventory.LanguageGo,
		Tests:     []inventory.Test{},
	}
	fset := token.NewFileSet()

	// The header is read on its own first: a file excluded by a constraint
	// (often a generator script) is reported as such even when the rest of
	// it does not parse.
	if hdr, err := parser.ParseFile(fset, relPath, src, parser.PackageClauseOnly|parser.ParseComments|parser.SkipObjectResolution); err == nil {
		if expr := buildConstraint(hdr); expr != nil {
			f.BuildConstraint = expr.String()
			if !satisfiable(expr) {
				f.SkipReason = "excluded by build constraint: //go:build " + f.BuildConstraint
				return f, true, nil
			}
		}
	}

	file, err := parser.ParseFile(fset, relPath, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		f.SkipReason = parseError(err)
		return f, true, nil
	}
	fi := frameworkImports(file)
	testifyDep := len(source.Project.Nearest(relPath, project.Dependency, []inventory.Framework{inventory.FrameworkTestify})) > 0
	x, err := extractTests(fset, file, src, fi, testifyDep, siblingRunners(source.Tree, relPath, file.Name.Name))
	if err != nil {
		f.SkipReason = err.Error()
		return f, true, nil
	}
	if len(x.tests) == 0 {
		return inventory.File{}, false, nil
	}
	f.Framework = decideFramework(relPath, source.Project, fi, x.ev)
	f.Tests, f.Suites = x.tests, x.suites
	return f, true, nil
}

// parseError words the first syntax error of a file.
func parseError(err error) string {
	var list scanner.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		e := list[0]
		return fmt.Sprintf("parse error: line %d, column %d: %s", e.Pos.Line, e.Pos.Column, e.Msg)
	}
	return "parse error: " + err.Error()
}

// buildConstraint returns the file's //go:build expression, or the AND of its
// legacy // +build lines when it has none, or nil. Only comments before the
// package clause count, as for the go tool; lines that do not parse are
// ignored (the go tool would refuse the file, and it will say so).
func buildConstraint(hdr *ast.File) constraint.Expr {
	var plus constraint.Expr
	for _, cg := range hdr.Comments {
		if cg.Pos() >= hdr.Package {
			break
		}
		for _, c := range cg.List {
			switch {
			case constraint.IsGoBuild(c.Text):
				if expr, err := constraint.Parse(c.Text); err == nil {
					return expr
				}
			case constraint.IsPlusBuild(c.Text):
				expr, err := constraint.Parse(c.Text)
				if err != nil {
					continue
				}
				if plus == nil {
					plus = expr
				} else {
					plus = &constraint.AndExpr{X: plus, Y: expr}
				}
			}
		}
	}
	return plus
}

// maxTags bounds the brute-force satisfiability check; an expression with more
// distinct tags is assumed satisfiable.
const maxTags = 12

// satisfiable reports whether some set of build tags, never including
// "ignore" (which no build sets, by convention), selects the file. So
// `ignore`, `ignore && linux` and `linux && !linux` exclude a file while
// `!ignore` and `ignore || linux` do not.
func satisfiable(expr constraint.Expr) bool {
	var tags []string
	seen := map[string]bool{"ignore": true}
	collectTags(expr, func(tag string) {
		if !seen[tag] {
			seen[tag] = true
			tags = append(tags, tag)
		}
	})
	if len(tags) > maxTags {
		return true
	}
	for mask := range 1 << len(tags) {
		ok := expr.Eval(func(tag string) bool {
			for i, t := range tags {
				if t == tag {
					return mask&(1<<i) != 0
				}
			}
			return false // "ignore"
		})
		if ok {
			return true
		}
	}
	return false
}

func collectTags(expr constraint.Expr, add func(string)) {
	switch e := expr.(type) {
	case *constraint.TagExpr:
		add(e.Tag)
	case *constraint.NotExpr:
		collectTags(e.X, add)
	case *constraint.AndExpr:
		collectTags(e.X, add)
		collectTags(e.Y, add)
	case *constraint.OrExpr:
		collectTags(e.X, add)
		collectTags(e.Y, add)
	}
}
