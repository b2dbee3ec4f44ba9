package golang

import (
	"go/ast"
	"go/token"
	"strconv"

	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// Import paths that make a file belong to a framework other than the bare
// testing package. testify's assert and require are deliberately absent:
// they are assertion helpers called from ordinary go-testing tests.
const (
	testifySuitePath = "github.com/stretchr/testify/suite"
	ginkgoV1Path     = "github.com/onsi/ginkgo"
	ginkgoV2Path     = "github.com/onsi/ginkgo/v2"
	ginkgoTablePath  = "github.com/onsi/ginkgo/extensions/table" // v1 tables
)

// pkgNames says how the file refers to one imported package: the names it
// is imported under, and whether it is dot-imported.
type pkgNames struct {
	names map[string]bool
	dot   bool
	// alias maps a local variable that holds one of the package's
	// functions (var So = It) to that function's name.
	alias map[string]string
}

func (p pkgNames) any() bool { return p.dot || len(p.names) > 0 }

// refers reports whether fun names sel of the package: pkg.sel, or sel alone
// when the package is dot-imported.
func (p pkgNames) refers(fun ast.Expr) (string, bool) {
	switch f := ast.Unparen(fun).(type) {
	case *ast.Ident:
		if name, ok := p.alias[f.Name]; ok {
			return name, true
		}
		if p.dot {
			return f.Name, true
		}
	case *ast.SelectorExpr:
		if id, ok := f.X.(*ast.Ident); ok && p.names[id.Name] {
			return f.Sel.Name, true
		}
	}
	return "", false
}

// fileImports is what the imports of a file say about its frameworks.
type fileImports struct {
	testing bool // "testing" in any form
	suite   pkgNames
	ginkgo  pkgNames
}

func frameworkImports(file *ast.File) fileImports {
	fi := fileImports{
		testing: file.Name.Name == "testing",
		suite:   pkgNames{names: map[string]bool{}},
		ginkgo:  pkgNames{names: map[string]bool{}},
	}
	for _, imp := range file.Imports {
		p, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		var target *pkgNames
		var def string
		switch p {
		case "testing":
			if imp.Name == nil || imp.Name.Name != "_" {
				fi.testing = true
			}
			continue
		case testifySuitePath:
			target, def = &fi.suite, "suite"
		case ginkgoV1Path, ginkgoV2Path:
			target, def = &fi.ginkgo, "ginkgo"
		case ginkgoTablePath:
			target, def = &fi.ginkgo, "table"
		default:
			continue
		}
		switch {
		case imp.Name == nil:
			target.names[def] = true
		case imp.Name.Name == ".":
			target.dot = true
		case imp.Name.Name != "_":
			target.names[imp.Name.Name] = true
		}
	}
	return fi
}

// syntaxWeight is what framework-specific syntax found in a file (a
// suite.Run call, a Describe block) adds to the file's score.
const syntaxWeight = 5

// decideFramework asks the project which framework the file belongs to.
// Only frameworks the file itself shows are candidates, so that a go.mod
// that requires testify (for its assertions) or ginkgo (for another package)
// does not relabel plain go-testing files; go-testing, the runner of every
// _test.go file, is always a candidate and always scores, so the answer is
// never unknown. Ties go to the more specific framework.
func decideFramework(relPath string, p *project.Project, fi fileImports, ev evidence) inventory.Framework {
	candidates := make([]inventory.Framework, 0, 3)
	scores := map[inventory.Framework]int{}
	if fi.ginkgo.any() || ev.ginkgo {
		candidates = append(candidates, inventory.FrameworkGinkgo)
		if fi.ginkgo.any() {
			scores[inventory.FrameworkGinkgo] += project.ImportWeight
		}
		if ev.ginkgo {
			scores[inventory.FrameworkGinkgo] += syntaxWeight
		}
	}
	if fi.suite.any() || ev.testify {
		candidates = append(candidates, inventory.FrameworkTestify)
		if fi.suite.any() {
			scores[inventory.FrameworkTestify] += project.ImportWeight
		}
		if ev.testify {
			// Suite methods in a file that neither imports testing nor
			// the suite package still beat the file-name convention.
			scores[inventory.FrameworkTestify] += project.NameWeight + syntaxWeight
		}
	}
	candidates = append(candidates, inventory.FrameworkGoTesting)
	if fi.testing {
		scores[inventory.FrameworkGoTesting] = project.ImportWeight
	} else {
		scores[inventory.FrameworkGoTesting] = project.NameWeight
	}
	if len(candidates) == 1 || p == nil {
		return candidates[0]
	}
	d := p.Decide(relPath, candidates, scores)
	if d.Framework == inventory.FrameworkUnknown {
		return inventory.FrameworkGoTesting
	}
	return d.Framework
}

// evidence is the framework-specific syntax found while extracting.
type evidence struct {
	testify bool // suite methods or a suite.Run call
	ginkgo  bool // a Ginkgo container or spec
}

// stringConst returns the value of a string literal or of a concatenation
// of string literals.
func stringConst(e ast.Expr) (string, bool) { return stringConstDepth(e, 0) }

func stringConstDepth(e ast.Expr, depth int) (string, bool) {
	if depth > 32 {
		return "", false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		l, ok := stringConstDepth(x.X, depth+1)
		if !ok {
			return "", false
		}
		r, ok := stringConstDepth(x.Y, depth+1)
		if !ok || len(l)+len(r) > maxNameLen {
			return "", false
		}
		return l + r, true
	}
	return "", false
}

// maxNameLen bounds a name taken from source text.
const maxNameLen = 200
