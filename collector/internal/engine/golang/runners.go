package golang

import (
	"path"
	"regexp"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
)

// A suite's methods and the test that runs it are often in two files of the
// package (suite_test.go declares FooSuite and its methods, main_test.go has
// func TestFoo(t *testing.T) { suite.Run(t, new(FooSuite)) }). testify names
// the methods TestFoo/TestX; from the methods' file alone they could only be
// put under their type. So the package's other _test.go files are read for
// the suites they run, through one summary per file (its package name and,
// per suite type, the tests that run it), found with regular expressions,
// never a parse.

// suiteRuns is a summary of one _test.go file.
type suiteRuns struct {
	pkg     string
	runners map[string][]string // suite type → tests of the file that run it
}

const suiteRunsKey = "go-suite-runs"

var (
	rePackage  = regexp.MustCompile(`(?m)^package\s+(\w+)`)
	reTestFunc = regexp.MustCompile(`(?m)^func\s+(Test\w*)\s*\(\s*\w+\s+\*testing\.T\s*\)`)
	// suite.Run(t, new(S)), suite.Run(t, &S{…}), suite.Run(t, S[int]{…}).
	reSuiteRun = regexp.MustCompile(`\bsuite\.Run\(\s*\w+\s*,\s*(?:new\(\s*(\w+)|&?(\w+)\s*(?:\[[^\]]*\])?\s*\{)`)
)

func summarizeSuiteRuns(src []byte) any {
	s := &suiteRuns{runners: map[string][]string{}}
	if m := rePackage.FindSubmatch(src); m != nil {
		s.pkg = string(m[1])
	}
	if !strings.Contains(string(src), "suite.Run(") {
		return s
	}
	funcs := reTestFunc.FindAllSubmatchIndex(src, -1)
	for _, m := range reSuiteRun.FindAllSubmatchIndex(src, -1) {
		typ := ""
		for g := 1; g <= 2; g++ {
			if m[2*g] >= 0 {
				typ = string(src[m[2*g]:m[2*g+1]])
			}
		}
		runner := ""
		for _, f := range funcs {
			if f[0] > m[0] {
				break
			}
			runner = string(src[f[2]:f[3]])
		}
		if typ != "" && runner != "" && !containsString(s.runners[typ], runner) {
			s.runners[typ] = append(s.runners[typ], runner)
		}
	}
	return s
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// siblingRunners returns, for the file at relPath of package pkg, a lookup
// of the tests of the package's other _test.go files that run a suite
// type; nil without a checkout to read.
func siblingRunners(tr frontend.Tree, relPath, pkg string) func(typ string) []string {
	if tr == nil {
		return nil
	}
	var byType map[string][]string
	return func(typ string) []string {
		if byType == nil {
			byType = map[string][]string{}
			dir := path.Dir(relPath)
			names, _ := tr.Files(dir)
			for _, name := range names {
				p := path.Join(dir, name)
				if !strings.HasSuffix(name, "_test.go") || p == relPath {
					continue
				}
				v, ok := tr.Summarize(p, suiteRunsKey, summarizeSuiteRuns)
				if !ok {
					continue
				}
				s := v.(*suiteRuns)
				if s.pkg != pkg {
					continue
				}
				for t, rs := range s.runners {
					for _, r := range rs {
						if !containsString(byType[t], r) {
							byType[t] = append(byType[t], r)
						}
					}
				}
			}
		}
		return byType[typ]
	}
}
