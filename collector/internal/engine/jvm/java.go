package jvm

import (
	"bytes"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/java"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/collector/internal/engine/ts"
	"github.com/testlens/testlens/contracts/inventory"
)

var javaGrammar = ts.NewGrammar("java", java.GetLanguage())

// javaQuery finds, in one pass, everything the Java rules look at: imports,
// type declarations, methods, anonymous bodies and the annotations held by
// modifiers (never those nested in annotation arguments).
var javaQuery = javaGrammar.LazyQuery(`
(import_declaration) @import
(class_declaration name: (identifier) @name) @class
(interface_declaration name: (identifier) @name) @class
(enum_declaration name: (identifier) @name) @class
(record_declaration name: (identifier) @name) @class
(method_declaration (modifiers)? @mods name: (identifier) @name parameters: (formal_parameters) @params) @method
(object_creation_expression (class_body) @opaque)
(enum_constant (class_body) @opaque)
(modifiers (marker_annotation name: _ @aname) @ann)
(modifiers (annotation name: _ @aname arguments: (annotation_argument_list) @aargs) @ann)
`)

// Extractor is the Java front end (JUnit 4, JUnit 5 Jupiter, TestNG). Its
// zero value is ready and safe for concurrent use.
type Extractor struct{}

// Language returns inventory.LanguageJava.
func (Extractor) Language() inventory.Language { return inventory.LanguageJava }

// Candidate accepts *Test.java, *Tests.java, Test*.java, *IT.java,
// *TestCase.java and any .java file in a test source set (src/test/, …).
func (Extractor) Candidate(relPath string) bool { return candidate(relPath, ".java", true) }

// annotatesTests is the pre-filter: every test needs an annotation whose
// name holds Test or Theory (@Test, @ParameterizedTest, @org.junit.Test,
// TestNG's class-level @Test, @Theory), but JUnit 3's (mayBeJUnit3).
// Generated code in test folders names its types Test… without one.
func annotatesTests(src []byte) bool {
	for at := 0; ; {
		i := bytes.IndexByte(src[at:], '@')
		if i < 0 {
			return false
		}
		at += i + 1
		// The name, qualified or not; Java allows whitespace after the @
		// and around the dots.
		for end := at; ; {
			end = skipJavaSpace(src, end)
			start := end
			for end < len(src) && isJavaNameByte(src[end]) {
				end++
			}
			if part := src[start:end]; bytes.Contains(part, []byte("Test")) || bytes.Contains(part, []byte("Theory")) {
				return true
			}
			if dot := skipJavaSpace(src, end); end > start && dot < len(src) && src[dot] == '.' {
				end = dot + 1
				continue
			}
			break
		}
	}
}

// otherMethodAnnotations returns the annotation names on methods that no
// framework or rule declares: each may be a composed test annotation.
func otherMethodAnnotations(decls []decl) map[string]bool {
	var names map[string]bool
	for i := range decls {
		if decls[i].kind != declMethod {
			continue
		}
		for _, a := range decls[i].anns {
			if !knownAnnotations[a.name] && !testAnnotations[a.name] && !junit5Only[a.name] && !junit4Only[a.name] && !testngOnly[a.name] {
				if names == nil {
					names = map[string]bool{}
				}
				names[a.name] = true
			}
		}
	}
	return names
}

// knownAnnotations are annotations no project declares as a test
// annotation: the frameworks' own and Java's.
var knownAnnotations = map[string]bool{"Override": true, "Deprecated": true, "SuppressWarnings": true, "SafeVarargs": true,
	"Disabled": true, "Ignore": true, "DisplayName": true, "Tag": true, "Timeout": true, "Order": true, "BeforeEach": true,
	"AfterEach": true, "BeforeAll": true, "AfterAll": true, "Before": true, "After": true, "BeforeClass": true, "AfterClass": true,
	"ValueSource": true, "CsvSource": true, "MethodSource": true, "EnumSource": true, "NullSource": true, "EmptySource": true,
	"NullAndEmptySource": true, "CsvFileSource": true, "ArgumentsSource": true}

// mayBeJUnit3 is the pre-filter's door for JUnit 3, whose tests carry no
// annotation: a file that names TestCase with junit.framework, or that
// extends some class and writes a void test… method (its TestCase may be
// further up, junit3.go).
func mayBeJUnit3(src []byte) bool {
	return bytes.Contains(src, []byte("junit.framework")) && bytes.Contains(src, []byte("TestCase")) ||
		bytes.Contains(src, []byte("extends")) && bytes.Contains(src, []byte("void test"))
}

// skipJavaSpace returns the offset of the first byte at or after at that is
// neither white space nor in a comment (@/* why */Test is an annotation).
func skipJavaSpace(src []byte, at int) int {
	return frontend.SkipTrivia(src, at, isJavaSpace, false)
}

func isJavaSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

func isJavaNameByte(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// Extract parses one Java file. A file without tests is not reported. A
// file with syntax errors is read for what parses; err is always nil.
func (Extractor) Extract(s *frontend.Source) (inventory.File, bool, error) {
	f, ok, _ := extractJava(s, true)
	return f, ok, nil
}

// extractJava is Extract, with method bodies left out of the parse when
// skipBodies is set and the tree confirms them (gapped).
func extractJava(s *frontend.Source, skipBodies bool) (f inventory.File, ok, gapped bool) {
	src := s.Content
	if !annotatesTests(src) && !mayBeJUnit3(src) {
		return inventory.File{}, false, false
	}
	f = inventory.File{Path: s.Path, Language: inventory.LanguageJava, Tests: []inventory.Test{}}
	tree, gapped, err := parseJava(src, skipBodies)
	if err != nil {
		f.Framework, f.FrameworkReason = inventory.FrameworkUnknown, frontend.UnparsedReason
		f.SkipReason = err.Error()
		return f, true, false
	}
	defer tree.Close()

	col := newDeclCollector(src, importScores, javaArgs)
	for _, m := range javaQuery().Matches(tree.RootNode(), src) {
		col.add(m.Captures)
	}
	scores, annNames, decls, anns := col.scores, col.annNames, col.decls, col.anns
	decls = nest(decls)
	attach(decls, anns)
	b := builder{src: src, jupiter: bytes.Contains(src, []byte("org.junit.jupiter"))}
	b.jupiterOnly = b.jupiter && !bytes.Contains(src, []byte("org.testng")) && !bytes.Contains(src, []byte("org.junit.Test")) &&
		!bytes.Contains(src, []byte("org.junit.*")) && !bytes.Contains(src, []byte("junit.framework"))
	names := otherMethodAnnotations(decls)
	if junit3 := mayBeJUnit3(src); junit3 || len(names) > 0 {
		local := summarizeJavaFile(s.Path, src).(*javaFile)
		// A composed annotation (@Fast, itself annotated @Test) makes a
		// test too: declared here or in the file its name resolves to.
		b.composed = composedTestAnnotations(s.Tree, local, names)
		for i := range decls {
			if junit3 && decls[i].kind == declClass && reachesTestCase(s.Tree, local, decls[i].name, 0) {
				if b.junit3 == nil {
					b.junit3 = map[int]bool{}
				}
				b.junit3[i] = true
				// JUnit 4 runs it, whatever the file imports.
				scores[inventory.FrameworkJUnit4] = max(scores[inventory.FrameworkJUnit4], project.ImportWeight)
			}
		}
	}
	b.annotationTests(decls)
	if len(b.tests) == 0 {
		return inventory.File{}, false, gapped
	}
	b.finish(&f)
	syntaxScores(annNames, scores)
	d := s.Project.Decide(s.Path, junitOrder, scores)
	f.Framework = d.Framework
	if d.Framework == inventory.FrameworkUnknown {
		f.FrameworkReason = d.Reason
	}
	return f, true, gapped
}

func newDecl(kind declKind, n, name *sitter.Node, src []byte) decl {
	d := decl{kind: kind, node: n, start: n.StartByte(), end: n.EndByte(), nameStart: n.EndByte(), line: ts.Line(n)}
	if name != nil {
		// Kotlin's `…` names are reported without the backticks, unless
		// nothing but blanks is left: then as written, never blank.
		d.name = textOf(name, src)
		if unquoted := strings.Trim(d.name, "`"); strings.TrimSpace(unquoted) != "" {
			d.name = unquoted
		}
		d.nameStart = name.StartByte()
	}
	if d.name == "" {
		d.name = "?"
	}
	return d
}

// importPath returns the imported name of an import declaration's text.
func importPath(s string) string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), ";"))
	s = strings.TrimPrefix(s, "import")
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "static ")
	return strings.Join(strings.Fields(s), "")
}

// javaArgs reads an annotation_argument_list.
func javaArgs(list *sitter.Node, src []byte) []annotArg {
	var out []annotArg
	for i := 0; i < int(list.NamedChildCount()); i++ {
		c := list.NamedChild(i)
		switch c.Type() {
		case "element_value_pair":
			k, v := c.ChildByFieldName("key"), c.ChildByFieldName("value")
			if k == nil || v == nil {
				continue
			}
			out = append(out, annotArg{key: textOf(k, src), values: flatten(v, src)})
		case "line_comment", "block_comment", "comment":
		default:
			out = append(out, annotArg{key: "value", values: flatten(c, src)})
		}
	}
	return out
}

// javaDisplayName is JUnit Jupiter's default display name of a method: its
// name and its parameters' simple type names, "m(String, int[])".
func javaDisplayName(d *decl, src []byte) string {
	var types []string
	if d.params != nil {
		for i := 0; i < int(d.params.NamedChildCount()); i++ {
			p := d.params.NamedChild(i)
			var t string
			switch p.Type() {
			case "formal_parameter":
				t = simpleType(textOf(p.ChildByFieldName("type"), src))
				if dims := p.ChildByFieldName("dimensions"); dims != nil {
					t += strings.Repeat("[]", strings.Count(textOf(dims, src), "["))
				}
			case "spread_parameter":
				for j := 0; j < int(p.NamedChildCount()); j++ {
					if c := p.NamedChild(j); c.Type() != "modifiers" && c.Type() != "variable_declarator" {
						t = simpleType(textOf(c, src)) + "[]"
						break
					}
				}
			default:
				continue
			}
			types = append(types, t)
		}
	}
	return d.name + "(" + strings.Join(types, ", ") + ")"
}

// simpleType is Class.getSimpleName of a written type: no package, no type
// arguments, no annotations.
func simpleType(t string) string {
	if i := strings.IndexByte(t, '<'); i >= 0 {
		if j := strings.LastIndexByte(t, '>'); j > i {
			t = t[:i] + t[j+1:]
		}
	}
	fields := strings.Fields(t)
	if len(fields) > 0 {
		t = fields[len(fields)-1] // after annotations such as @NonNull
	}
	return t[strings.LastIndexByte(t, '.')+1:]
}
