package jvm

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
)

// kotlinPreFilterCases are the table of TestKotlinMayDeclareTests: pass is
// what the pre-filter must say, tests whether the parse reports tests (a
// passing case that declares one shows the filter follows that spelling).
var kotlinPreFilterCases = []struct {
	name, src   string
	pass, tests bool
}{
	{"junit5", "class A {\n    @Test\n    fun adds() {}\n}\n", true, true},
	{"junit5 same line", "class A { @Test fun adds() {} }", true, true},
	{"parameterized", "class A {\n    @ParameterizedTest\n    @ValueSource(ints = [1, 2])\n    fun adds(n: Int) {}\n}\n", true, true},
	{"repeated", "class A {\n    @RepeatedTest(3)\n    fun adds() {}\n}\n", true, true},
	{"factory", "class A {\n    @TestFactory\n    fun dynamic() = listOf<Any>()\n}\n", true, true},
	{"template", "class A {\n    @TestTemplate\n    fun t() {}\n}\n", true, true},
	{"theory", "class A {\n    @Theory\n    fun holds() {}\n}\n", true, true},
	{"qualified", "class A {\n    @org.junit.jupiter.api.Test\n    fun adds() {}\n}\n", true, true},
	{"qualified blanks", "class A {\n    @org . junit .\n    Test\n    fun adds() {}\n}\n", true, true},
	{"blank after @", "class A {\n    @ Test\n    fun adds() {}\n}\n", true, true},
	{"comment after @", "class A {\n    @/* why */Test\n    fun adds() {}\n}\n", true, true},
	{"comment in qualifier", "class A {\n    @org.junit // JUnit 4\n        .Test\n    fun adds() {}\n}\n", true, true},
	{"use-site target", "class A {\n    @field:Test\n    fun adds() {}\n}\n", true, true},
	{"use-site target blanks", "class A {\n    @get : Test\n    fun adds() {}\n}\n", true, true},
	{"annotation list", "class A {\n    @[Suppress(\"x\") Test]\n    fun adds() {}\n}\n", true, true},
	{"use-site list", "class A {\n    @field:[Test]\n    fun adds() {}\n}\n", true, true},
	{"type arguments", "class A {\n    @Foo<Bar>.Test\n    fun adds() {}\n}\n", true, true},
	{"backticked qualifier", "class A {\n    @`org`.Test\n    fun adds() {}\n}\n", true, true},
	{"with arguments", "class A {\n    @Test(expected = IllegalStateException::class)\n    fun throws() {}\n}\n", true, true},
	{"testng class", "@Test\nclass A {\n    fun adds() {}\n}\n", true, true},
	{"testng disabled", "@Test(enabled = false)\nclass A {\n    fun adds() {}\n}\n", true, true},
	{"kotlin.test", "import kotlin.test.Test\n\nclass A {\n    @Test fun adds() {}\n}\n", true, true},
	{"backticked test name", "class A {\n    @Test\n    fun `adds two numbers`() {}\n}\n", true, true},
	{"non-ASCII after @", "class A {\n    @Тест\n    fun adds() {}\n}\n", true, false},
	{"funspec", "class A : FunSpec({\n    test(\"adds\") { }\n})\n", true, true},
	{"stringspec", "class A : StringSpec({\n    \"adds\" { }\n})\n", true, true},
	{"behaviorspec init", "class A : BehaviorSpec() {\n    init {\n        given(\"x\") {\n            then(\"y\") { }\n        }\n    }\n}\n", true, true},
	{"describespec", "class A : DescribeSpec({\n    describe(\"math\") {\n        it(\"adds\") { }\n    }\n})\n", true, true},
	{"wordspec", "class A : WordSpec({\n    \"math\" should {\n        \"add\" { }\n    }\n})\n", true, true},
	{"freespec", "class A : FreeSpec({\n    \"math\" - {\n        \"adds\" { }\n    }\n})\n", true, true},
	{"qualified spec", "class A : io.kotest.core.spec.style.FunSpec({\n    test(\"adds\") { }\n})\n", true, true},
	{"qualified spec blanks", "class A : io.kotest.core.spec.style\n    .FunSpec({\n    test(\"adds\") { }\n})\n", true, true},
	{"second supertype", "class A : Logging, FunSpec({\n    test(\"adds\") { }\n})\n", true, true},
	{"constructor then spec", "class A(val x: Int = 1) : FunSpec({\n    test(\"adds\") { }\n})\n", true, true},
	{"type parameters then spec", "class A<T> : FunSpec({\n    test(\"adds\") { }\n})\n", true, true},
	{"line comment before spec", "class A : // the base\n    FunSpec({\n    test(\"adds\") { }\n})\n", true, true},
	{"block comment before spec", "class A : /* the base */ FunSpec({\n    test(\"adds\") { }\n})\n", true, true},
	{"local abstract spec", "abstract class BaseSpec(body: BaseSpec.() -> Unit = {}) : FunSpec()\n\nclass WalletSpec : BaseSpec({\n    test(\"pays\") { }\n})\n", true, true},
	{"project spec in one line", "class WalletSpec : AcmeSpec({ test(\"pays\") { } })", true, true},
	{"spec with raw string", "class A : StringSpec({\n    \"\"\"adds\"\"\" { }\n})\n", true, true},
	{"spec without a string", "class A : FunSpec({\n    test(name) { }\n})\n", false, false},

	// Generated code and helpers: Test and Spec inside identifiers,
	// annotations of other names.
	{"flatbuffers test", "import MyGame.Example.*\n\nclass KotlinTest {\n    companion object {\n        @JvmStatic\n        fun main(args: Array<String>) {\n            testBuffer()\n        }\n    }\n}\n", false, false},
	{"generated struct", "@Suppress(\"unused\")\nclass TestSimpleTableWithEnum : Table() {\n    fun __assign(i: Int, bb: ByteBuffer): TestSimpleTableWithEnum {\n        return this\n    }\n    val test4: Test? get() = null\n}\n", false, false},
	{"struct named Test", "@Suppress(\"unused\")\nclass Test : Struct() {\n    companion object {\n        fun createTest(builder: FlatBufferBuilder, a: Short): Int = 0\n    }\n}\n", false, false},
	{"helpers", "// Shared fixtures for the tests of this folder.\nobject TestFixtures {\n    fun user(name: String = \"Ada\") = User(name)\n}\n", false, false},
	{"other annotations", "class A {\n    @BeforeEach\n    fun setUp() {}\n    @DisplayName(\"Test adds\")\n    @Suppress(\"Test\")\n    fun adds() {}\n}\n", false, false},
	{"annotation argument Test", "class A {\n    @RunWith(Test::class)\n    fun adds() {}\n}\n", false, false},
	{"label", "class A {\n    fun b() {\n        run { return@run }\n        this@A.testIt()\n    }\n}\n", false, false},
	{"email in a string", "val who = \"ada@example.org\"\nval TestName = \"x\"\n", false, false},
	{"kotlinpoet", "val type = TypeSpec.classBuilder(\"Test\")\n    .addFunction(FunSpec.builder(\"test\").build())\n    .build()\n", false, false},
	{"spec as a value", "fun specs() = listOf(FunSpec.builder(\"a\"), x?.ParamSpec)\n", false, false},
	{"specs plural", "class A : Specs({\n    test(\"adds\") { }\n})\n", false, false},
	{"spec in a name", "class A : SpecHelper({\n    test(\"adds\") { }\n})\n", false, false},
	{"no spec, no test", "class A : Base({\n    test(\"adds\") { }\n})\n", false, false},
}

func TestKotlinMayDeclareTests(t *testing.T) {
	for _, c := range kotlinPreFilterCases {
		if got := kotlinMayDeclareTests([]byte(c.src)); got != c.pass {
			t.Errorf("%s: kotlinMayDeclareTests(%q) = %v, want %v", c.name, c.src, got, c.pass)
		}
		if n := kotlinPreFilter.Tests("ATest.kt", []byte(c.src)); (n > 0) != c.tests {
			t.Errorf("%s: the parse reports %d tests, want tests=%v", c.name, n, c.tests)
		}
	}
}

// kotlinPreFilter is kotlinMayDeclareTests and the tests of the parse
// without it. A reported file counts as holding tests even when it reports
// none (one over MaxNames), so that turning it away would be caught.
var kotlinPreFilter = frontendtest.PreFilter{Pass: kotlinMayDeclareTests, Tests: func(path string, src []byte) int {
	f, ok := KotlinExtractor{}.extractParsed(&frontend.Source{Path: path, Content: src, Project: project.New()})
	if ok && len(f.Tests) == 0 && f.FrameworkReason != frontend.UnparsedReason {
		return 1
	}
	return len(f.Tests)
}}

// kotlinFixtureDirs are the folders of the differential test.
var kotlinFixtureDirs = []string{"../testdata/kotlin", "../testdata/projects"}

func isKotlinFixture(p string) bool { return strings.HasSuffix(strings.TrimSuffix(p, ".txt"), ".kt") }

// TestKotlinPreFilterDropsNoTest: on the fixtures and, with
// KOTLIN_PREFILTER_DIFF_DIRS=dir:dir, every .kt file under those folders (a
// by-hand check on real code), a file the pre-filter turns away has no test
// in its parse.
func TestKotlinPreFilterDropsNoTest(t *testing.T) {
	t.Parallel()
	frontendtest.CheckPreFilter(t, "KOTLIN_PREFILTER_DIFF_DIRS", kotlinFixtureDirs, isKotlinFixture,
		func(p string) string { return filepath.Base(strings.TrimSuffix(p, ".txt")) }, kotlinPreFilter)
}

// TestKotlinPreFilterOnVariants makes the few fixtures count: variants of
// the fixtures (each line left out; each byte near an @ or a Spec, the
// tokens the filter reads, left out or preceded by a line break) and of the
// table cases and fuzz seeds (each byte left out or preceded by a line
// break) are checked like files. Many do not parse cleanly: the filter
// follows the grammar, not its error recovery, so a variant whose tree holds
// an ERROR node may have a test the recovery made out of junk (@* why */Test
// is read as @Test); those are counted and logged, not failed.
func TestKotlinPreFilterOnVariants(t *testing.T) {
	t.Parallel()
	var fixtures, small [][]byte
	for _, dir := range kotlinFixtureDirs {
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !isKotlinFixture(p) {
				return err
			}
			src, err := os.ReadFile(p)
			fixtures = append(fixtures, src)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range kotlinPreFilterCases {
		small = append(small, []byte(c.src))
	}
	for _, s := range kotlinPreFilterSeeds {
		small = append(small, []byte(s))
	}
	variants, turnedAway, invented := 0, 0, 0
	check := func(v []byte) {
		variants++
		if kotlinPreFilter.Pass(v) {
			return
		}
		turnedAway++
		if n := kotlinPreFilter.Tests("VariantTest.kt", v); n > 0 {
			if !kotlinHasErrorNode(v) {
				t.Errorf("the pre-filter turns away a source whose parse reports %d tests:\n%s", n, v)
				return
			}
			if invented++; invented <= 3 {
				t.Logf("error recovery makes %d tests of:\n%s", n, v)
			}
		}
	}
	edit := func(src []byte, i int) {
		check(append(append([]byte{}, src[:i]...), src[i+1:]...))
		check(append(append(append([]byte{}, src[:i]...), '\n'), src[i:]...))
	}
	for _, src := range fixtures {
		lines := bytes.SplitAfter(src, []byte("\n"))
		for i := range lines {
			check(bytes.Join([][]byte{bytes.Join(lines[:i], nil), bytes.Join(lines[i+1:], nil)}, nil))
		}
		seen := map[int]bool{}
		for _, tok := range [][]byte{[]byte("@"), []byte("Spec")} {
			for at := 0; ; {
				k := bytes.Index(src[at:], tok)
				if k < 0 {
					break
				}
				at += k
				for i := max(at-3, 0); i < min(at+len(tok)+1, len(src)); i++ {
					if !seen[i] {
						seen[i] = true
						edit(src, i)
					}
				}
				at += len(tok)
			}
		}
	}
	for _, src := range small {
		for i := range src {
			edit(src, i)
		}
	}
	t.Logf("%d variants, %d turned away by the pre-filter, %d of them with tests error recovery made", variants, turnedAway, invented)
}

// kotlinHasErrorNode reports whether the tree of src holds an ERROR node
// (MISSING nodes, such as the automatic semicolons the grammar wants in some
// valid code, do not count).
func kotlinHasErrorNode(src []byte) bool {
	tree, err := kotlinGrammar.Parse(src)
	if err != nil {
		return true
	}
	defer tree.Close()
	root := tree.RootNode()
	return root.HasError() && strings.Contains(root.String(), "(ERROR")
}

// kotlinPreFilterSeeds are test-shaped sources the grammar reads without an
// error (FuzzClean checks nothing else: a class body closed on the line of
// its last member gets a MISSING automatic semicolon, hence the layout).
var kotlinPreFilterSeeds = []string{
	"package a\n\nimport org.junit.jupiter.api.Test\n\nclass ATest {\n    @Test\n    fun adds() {\n    }\n}\n",
	"class ATest {\n    @org.junit.Test\n    fun adds() {\n    }\n\n    @ParameterizedTest\n    @ValueSource(strings = [\"a\", \"b\"])\n    fun each(s: String) {\n    }\n}\n",
	"class ATest {\n    @field:Test\n    val x = 1\n\n    @RepeatedTest(2)\n    fun again() {\n    }\n}\n",
	"@Test\nclass ATest {\n    fun adds() {\n    }\n\n    @BeforeMethod\n    fun setUp() {\n    }\n}\n",
	"class ASpec : FunSpec({\n    context(\"math\") {\n        test(\"adds\") {\n        }\n    }\n})\n",
	"class ASpec : StringSpec({\n    \"adds\" {\n    }\n})\n",
	"class ASpec : io.kotest.core.spec.style.BehaviorSpec({\n    given(\"x\") {\n        then(\"y\") {\n        }\n    }\n})\n",
	"abstract class BaseSpec(body: FunSpec.() -> Unit) : FunSpec(body)\n\nclass WalletSpec : Logging, BaseSpec({\n    test(\"pays\") {\n    }\n})\n",
	"class ASpec : FreeSpec({\n    \"math\" - {\n        \"adds\" {\n        }\n    }\n})\n",
	"@Suppress(\"unused\")\nclass KotlinTest {\n    fun testBuffer() {\n        val t = TestSimpleTableWithEnum()\n    }\n}\n",
	"val type = TypeSpec.classBuilder(\"Test\")\n    .addFunction(FunSpec.builder(\"test\").build())\n    .build()\n",
}

// TestKotlinPreFilterSeedsParseCleanly: a seed with a syntax error would
// never be checked by FuzzKotlinPreFilterDropsNoTest. Each seed either
// declares tests and passes, or is a trap without tests turned away.
func TestKotlinPreFilterSeedsParseCleanly(t *testing.T) {
	for _, s := range kotlinPreFilterSeeds {
		tree, err := kotlinGrammar.Parse([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		if tree.RootNode().HasError() {
			t.Errorf("seed does not parse cleanly: %q\n%s", s, tree.RootNode().String())
		}
		tree.Close()
		if n, pass := kotlinPreFilter.Tests("FuzzTest.kt", []byte(s)), kotlinMayDeclareTests([]byte(s)); (n > 0) != pass {
			t.Errorf("seed with %d tests, pre-filter passes it: %v: %q", n, pass, s)
		}
	}
}

// FuzzKotlinPreFilterDropsNoTest: on any source the grammar reads without
// an error, a file the pre-filter turns away has no test in its parse.
// FuzzClean's cleanliness (no ERROR, no MISSING node) also leaves out some
// valid Kotlin (a member and its class's } on one line get a MISSING
// automatic semicolon): the seeds are laid out to be clean, and
// TestKotlinPreFilterOnVariants checks sources with MISSING nodes.
func FuzzKotlinPreFilterDropsNoTest(f *testing.F) {
	seeds := slices.Clone(kotlinPreFilterSeeds)
	for _, c := range kotlinPreFilterCases {
		seeds = append(seeds, c.src) // some unclean: material for mutations
	}
	frontendtest.FuzzClean(f, kotlinGrammar, seeds, nil, func(t *testing.T, src []byte) {
		kotlinPreFilter.Check(t, "FuzzTest.kt", src)
	})
}
