package jvm

import (
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
)

// stmt is a statement long enough to make a body worth leaving out.
const stmt = "        assertEquals(expected.size(), actual.size(), \"sizes\"); // }\n"

// javaBodyTraps are sources whose bodies hold what a careless lexer would
// take for the end of a body, or whose declarations look like bodies.
var javaBodyTraps = []frontendtest.BodyTrap{
	{Name: "plain", Src: "import org.junit.jupiter.api.Test;\nclass ATest {\n    @Test\n    void adds() {\n" + stmt + "    }\n    @Test void subtracts() throws Exception {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "braces in strings, chars, comments and text blocks", Src: "class ATest {\n    @Test void a() {\n        String s = \"}{\"; char c = '}'; char d = '\\''; // }\n        /* { */ String t = \"\"\"\n            } \\\"\"\" {\n            \"\"\";\n" + stmt + "    }\n    @Test void b() {}\n}\n", Fast: true},
	{Name: "constructors, generics, arrays, records", Src: "class ATest<T extends Comparable<T>> {\n    ATest(int x) {\n" + stmt + "    }\n    int[] values() {\n" + stmt + "    }\n    record Point(int x, int y) {\n        Point {\n" + stmt + "        }\n    }\n    @Test void t() {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "fields, initializers and enums stay", Src: "class ATest {\n    Runnable r = () -> {\n" + stmt + "    };\n    Object o = new Object() {\n        public String toString() {\n" + stmt + "        }\n    };\n    static {\n" + stmt + "    }\n    enum E {\n        A(1) {\n            int v() {\n" + stmt + "            }\n        }, B(2);\n        E(int x) {\n" + stmt + "        }\n    }\n    @Test void t() {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "annotations that score and classes in bodies stay", Src: "class ATest {\n    @Test void a() {\n        Runnable r = new Runnable() {\n            @Override public void run() {}\n        };\n" + stmt + "    }\n    @Test void b() {\n        class Local { @Test void notATest() {} }\n" + stmt + "    }\n    @Test void c() {\n        Class<?> k = ATest.class;\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "nested and annotation-typed classes", Src: "class ATest {\n    @interface Slow { int value() default 1; }\n    @Nested class Inner {\n        @Test void a() {\n" + stmt + "        }\n    }\n    @ParameterizedTest @ValueSource(ints = {1, 2}) void b(int x) {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "a method named record", Src: "class ATest {\n    void record(int x) {\n" + stmt + "    }\n    @Test void t() {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "a syntax error between methods", Src: "class ATest {\n    @Test void a() {\n" + stmt + "    }\n    ) void (\n    @Test void b() {}\n}\n", Fast: false},
}

// TestJavaBodyGapsKeepScoringAnnotations: a body with an annotation that
// may score a framework (qualified, or a name one framework alone has)
// stays in the parse; @Override in an anonymous class does not keep one.
func TestJavaBodyGapsKeepScoringAnnotations(t *testing.T) {
	src := "class ATest {\n    @Test void a() {\n        Runnable r = new Runnable() {\n            @Override public void run() {}\n        };\n" + stmt + "    }\n" +
		"    @Test void b() {\n        @org.junit.Ignore int x = 1; @BeforeEach int y = 2;\n" + stmt + "    }\n" +
		"    @Test void c() {\n        @ /* why */ BeforeClass int z = 3;\n" + stmt + "    }\n}\n"
	gaps := javaBodyGaps([]byte(src))
	b := strings.Index(src, "void b()")
	if len(gaps) != 1 || gaps[0].End > b {
		t.Fatalf("gaps %+v: want only the body of a (before offset %d)", gaps, b)
	}
}

// TestJavaBodiesLeftOutChangeNothing: on the traps, the fixtures and, with
// JAVA_BODIES_DIFF_DIRS=dir:dir, every .java file under those folders (a by-hand
// check on real code), the inventory is the same with method bodies left out of
// the parse as with the whole parse. The fixtures' bodies are mostly short:
// the traps are what must take the fast path.
func TestJavaBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	frontendtest.CheckFastPath(t, javaBodyTraps, "Test.java", "JAVA_BODIES_DIFF_DIRS", []string{"../testdata/java", "../testdata/projects"}, ".java", extractJava)
}

// FuzzJavaBodiesLeftOutChangeNothing: on any source tree-sitter parses without
// an error, the inventory with method bodies left out is the inventory of the
// whole parse.
func FuzzJavaBodiesLeftOutChangeNothing(f *testing.F) {
	frontendtest.FuzzFastPath(f, javaGrammar, javaBodyTraps, nil, "FuzzTest.java", extractJava)
}
