package jvm

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
)

// JUnit 3 classes whose TestCase is further up.
//
// A JUnit 3 suite usually puts its own base between its tests and TestCase
// (commons-collections' BulkTest, args4j's Args4JTestBase<T>, xmlunit's
// XMLTestCase in its main sources), so `class FooTest extends Base` says
// nothing of JUnit in its own file. The superclass is followed as javac
// resolves it — a class of the same file, a single-type import, the same
// package, an on-demand import — to its file under the file's source root
// or the sibling roots of the same module (src/test/java ↔ src/main/java,
// test/ ↔ src/), through the scan's frontend.Tree. A file is summarized once
// per scan into its package, imports and each class's superclass, never
// kept as text. The chain is followed up to maxSuperDepth classes.

// javaSummaryKey names the Java summaries in a frontend.Tree.
const javaSummaryKey = "java.supers"

// maxSuperDepth bounds the superclass chains followed.
const maxSuperDepth = 12

// javaFile is what a Java file tells of its classes' superclasses.
type javaFile struct {
	path string
	pkg  string
	// imports maps a single-type import's simple name to the qualified
	// name; wildcards are the packages of on-demand imports.
	imports   map[string]string
	wildcards []string
	// junitFramework: the file names junit.framework, so its TestCase is
	// JUnit 3's.
	junitFramework bool
	// supers maps each class's simple name (nested ones too) to its
	// superclass as written, without type arguments; "" for none.
	supers map[string]string
	// testAnnotations maps each annotation type the file declares to
	// whether it is itself a test annotation (@Test @interface Fast {}):
	// Jupiter runs a method annotated with one.
	testAnnotations map[string]bool
}

// addImport records one import declaration's text.
func (f *javaFile) addImport(text string) {
	if strings.Contains(text, "static") {
		return // members, not classes
	}
	imp := importPath(text)
	if pkg, ok := strings.CutSuffix(imp, ".*"); ok {
		f.wildcards = append(f.wildcards, pkg)
	} else if i := strings.LastIndexByte(imp, '.'); i > 0 {
		f.imports[imp[i+1:]] = imp
	}
}

// summarizeJavaFile reads a Java file for reachesTestCase and
// composedTestAnnotations without parsing it: a base class is usually a
// test file itself, parsed anyway, and a summary would parse it a second
// time; the file being extracted is read the same way. A scan past comments,
// strings and text blocks finds the package, the imports and each
// `class Name<…> extends Super` (a class nested in a method too, which is
// harmless: nothing names it from outside).
func summarizeJavaFile(relPath string, src []byte) any {
	f := &javaFile{path: relPath, imports: map[string]string{}, supers: map[string]string{}, testAnnotations: map[string]bool{},
		junitFramework: bytes.Contains(src, []byte("junit.framework"))}
	var imports []string
	var pending []string // the annotations since the last declaration
	for i := 0; i < len(src); i++ {
		if end := javaLiteralEnd(src, i); end != i {
			if end < 0 {
				break
			}
			i = end - 1
			continue
		}
		switch c := src[i]; {
		case c == ';' || c == '{' || c == '}':
			pending = pending[:0]
		case c == '@':
			var name string
			name, i = javaQualifiedName(src, i+1)
			if name == "interface" {
				name, i = javaQualifiedName(src, i)
				f.testAnnotations[name] = slices.ContainsFunc(pending, func(a string) bool { return testAnnotations[a] })
				pending = pending[:0]
			} else if name != "" {
				pending = append(pending, name[strings.LastIndexByte(name, '.')+1:])
				i = skipBalanced(src, skipJavaSpace(src, i), '(', ')', "")
			}
			i--
		case isJavaNameByte(c) && (c < '0' || c > '9'):
			start := i
			for i < len(src) && isJavaNameByte(src[i]) {
				i++
			}
			word := string(src[start:i])
			dotted := start > 0 && bytes.HasSuffix(bytes.TrimRight(src[:start], " \t\r\n"), []byte("."))
			switch {
			case dotted:
			case word == "package" && f.pkg == "":
				f.pkg, i = javaQualifiedName(src, i)
			case word == "import":
				end := bytes.IndexByte(src[i:], ';')
				if end < 0 {
					break
				}
				imports = append(imports, "import"+string(src[i:i+end]))
				i += end
			case word == "class":
				var name, super string
				name, i = javaQualifiedName(src, i)
				i = skipBalanced(src, skipJavaSpace(src, i), '<', '>', "{;")
				if j := skipJavaSpace(src, i); bytes.HasPrefix(src[j:], []byte("extends")) && (j+7 >= len(src) || !isJavaNameByte(src[j+7])) {
					super, i = javaQualifiedName(src, j+7)
				}
				if name != "" {
					f.supers[name] = super
				}
			}
			i--
		}
	}
	for _, text := range imports {
		f.addImport(text)
	}
	return f
}

// javaQualifiedName reads a (possibly dotted) name after at, blanks and
// comments allowed around its dots; it returns the name without them and
// the offset after it.
func javaQualifiedName(src []byte, at int) (string, int) {
	var b strings.Builder
	for {
		at = skipJavaSpace(src, at)
		start := at
		for at < len(src) && isJavaNameByte(src[at]) {
			at++
		}
		b.Write(src[start:at])
		if dot := skipJavaSpace(src, at); at > start && dot < len(src) && src[dot] == '.' {
			b.WriteByte('.')
			at = dot + 1
			continue
		}
		return b.String(), at
	}
}

// skipBalanced returns the offset after the balanced open…close group at
// at, literals skipped whole, or at when none starts there or a byte of
// stops comes first (a type argument list ends before { or ;).
func skipBalanced(src []byte, at int, open, close byte, stops string) int {
	if at >= len(src) || src[at] != open {
		return at
	}
	depth := 0
	for i := at; i < len(src); i++ {
		if end := javaLiteralEnd(src, i); end != i {
			if end < 0 {
				return at
			}
			i = end - 1
			continue
		}
		switch c := src[i]; {
		case c == open:
			depth++
		case c == close:
			if depth--; depth == 0 {
				return i + 1
			}
		case strings.IndexByte(stops, c) >= 0:
			return at
		}
	}
	return at
}

// composedTestAnnotations returns, of names (annotations the file's methods
// carry that no framework declares), those whose type is a test
// annotation, declared in the file or found as a superclass is (through
// tr; nil: this file only).
func composedTestAnnotations(tr frontend.Tree, f *javaFile, names map[string]bool) map[string]bool {
	var out map[string]bool
	for name := range names {
		found := f.testAnnotations[name]
		if !found && tr != nil {
			for _, fqcn := range f.qualified(name) {
				if g, simple := f.findAnnotation(tr, fqcn); g != nil {
					found = g.testAnnotations[simple]
					break
				}
			}
		}
		if found {
			if out == nil {
				out = map[string]bool{}
			}
			out[name] = true
		}
	}
	return out
}

// reachesTestCase reports whether the class name of file f derives JUnit 3's
// TestCase, following its superclasses through tr (nil: this file only).
func reachesTestCase(tr frontend.Tree, f *javaFile, name string, depth int) bool {
	super, ok := f.supers[name]
	if !ok || super == "" || depth > maxSuperDepth {
		return false
	}
	if super == "junit.framework.TestCase" || super == "TestCase" && f.junitFramework && !f.hasClass("TestCase") {
		return true
	}
	if _, local := f.supers[super]; local {
		return reachesTestCase(tr, f, super, depth+1)
	}
	if tr == nil {
		return false
	}
	for _, fqcn := range f.qualified(super) {
		if g, simple := f.find(tr, fqcn); g != nil {
			return reachesTestCase(tr, g, simple, depth+1)
		}
	}
	return false
}

// hasClass reports whether the file declares a class of that simple name.
func (f *javaFile) hasClass(name string) bool {
	_, ok := f.supers[name]
	return ok
}

// qualified returns the qualified names a superclass written in f may
// have, in javac's order of precedence.
func (f *javaFile) qualified(super string) []string {
	if strings.Contains(super, ".") {
		first, rest, _ := strings.Cut(super, ".")
		if imp, ok := f.imports[first]; ok {
			return []string{imp + "." + rest, super} // Outer.Inner of an imported Outer
		}
		return []string{super, joinPackage(f.pkg, super)}
	}
	if imp, ok := f.imports[super]; ok {
		return []string{imp}
	}
	out := []string{joinPackage(f.pkg, super)}
	for _, w := range f.wildcards {
		out = append(out, w+"."+super)
	}
	return out
}

func joinPackage(pkg, name string) string {
	if pkg == "" {
		return name
	}
	return pkg + "." + name
}

// find returns the summary of the file that declares fqcn, and the class's
// simple name there; nil when no such file is under f's source roots. A
// nested class (pkg.Outer.Inner) is looked up in Outer's file.
func (f *javaFile) find(tr frontend.Tree, fqcn string) (*javaFile, string) {
	return f.lookup(tr, fqcn, (*javaFile).hasClass)
}

// findAnnotation is find for an annotation type.
func (f *javaFile) findAnnotation(tr frontend.Tree, fqcn string) (*javaFile, string) {
	return f.lookup(tr, fqcn, func(g *javaFile, name string) bool { _, ok := g.testAnnotations[name]; return ok })
}

// lookup returns the summary of the file under f's roots that declares
// fqcn, as has tells, and the type's simple name there.
func (f *javaFile) lookup(tr frontend.Tree, fqcn string, has func(*javaFile, string) bool) (*javaFile, string) {
	parts := strings.Split(fqcn, ".")
	simple := parts[len(parts)-1]
	for _, root := range f.roots() {
		for n := len(parts); n >= 1 && n >= len(parts)-1; n-- {
			p := path.Join(root, strings.Join(parts[:n], "/")+".java")
			v, ok := tr.Summarize(p, javaSummaryKey, func(src []byte) any { return summarizeJavaFile(p, src) })
			if !ok {
				continue
			}
			if g, _ := v.(*javaFile); g != nil && has(g, simple) {
				return g, simple
			}
		}
	}
	return nil, ""
}

// roots returns the source roots a class of f may be found under: f's own
// (its folder without the package's folders) and the module's other source
// sets; only f's folder when its folders do not follow its package.
func (f *javaFile) roots() []string {
	dir := path.Dir(f.path)
	pkgDir := strings.ReplaceAll(f.pkg, ".", "/")
	root, ok := strings.CutSuffix(dir, pkgDir)
	if f.pkg == "" {
		root, ok = dir, true
	}
	if !ok {
		return []string{dir}
	}
	root = strings.TrimSuffix(root, "/")
	if root == "" {
		root = "."
	}
	out := []string{root}
	elems := strings.Split(root, "/")
	for i, e := range elems {
		if e != "test" && e != "tests" {
			continue
		}
		for _, other := range []string{"main", "src"} {
			alt := append(append(append([]string{}, elems[:i]...), other), elems[i+1:]...)
			out = append(out, strings.Join(alt, "/"))
		}
	}
	return out
}
