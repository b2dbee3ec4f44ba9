package jvm

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
)

// ktStmt is a statement long enough to make a body worth leaving out.
const ktStmt = "        assertEquals(expected.size, actual.size, \"sizes\") // }\n"

// kotlinBodyTraps are sources whose bodies hold what a careless lexer would
// take for the end of a body or for something else, or what the rules read
// (which must stay in). Those that must take the fast path are laid out to
// parse cleanly: a class body closed on the line of its last member gets a
// MISSING automatic semicolon, and the file is parsed whole (the last trap).
var kotlinBodyTraps = []frontendtest.BodyTrap{
	{Name: "plain", Src: "import kotlin.test.Test\n\nclass ATest {\n    @Test\n    fun adds() {\n" + ktStmt + "    }\n\n    @Test fun `subtracts two numbers`(): Unit {\n" + ktStmt + "    }\n}\n", Fast: true},
	{Name: "braces in strings, templates, raw strings, chars and comments", Src: "class ATest {\n    @Test\n    fun a() {\n" +
		"        val s = \"}{\" + \"${ \"}\" + '{' }\" + \"$name}\" + \"\\\"}\"\n" +
		"        val r = \"\"\"\n            } ${ if (x) \"{\" else \"}\" } { \\\"\"\" \"quoted\" \"\"\n        \"\"\"\n" +
		"        val q = \"\"\"}\"\"\"\" + \"\"\"\"\"\"\n" +
		"        val c = '}'\n        val d = '\\''\n        val e = '\\u007B'\n        // }\n        /* { /* nested } */ } */\n" + ktStmt + "    }\n\n    @Test\n    fun b() {\n" + ktStmt + "    }\n}\n", Fast: true},
	{Name: "tree-sitter's string and comment rules", Src: "class ATest {\n    @Test\n    fun a() {\n" +
		"        val s = \"\"\"raw \\$\" + \"${`}`}\" + \"\"\"\\\"\"\"\" // a raw string ends at \\$\", a \\ escapes in it\n" +
		"        // a line comment goes on after a CR:\r    } {\n" + ktStmt + "    }\n\n    @Test\n    fun b() {\n" + ktStmt + "    }\n}\n", Fast: true},
	{Name: "expression bodies, getters, companion objects", Src: "class ATest {\n    val size: Int\n        get() {\n            return listOf(1, 2, 3).map { it * 2 }.sum() + 1\n        }\n\n" +
		"    var name: String = \"\"\n        set(value) {\n            field = value.trim().lowercase().replace(\" \", \"-\")\n        }\n\n" +
		"    fun helper() = listOf(1, 2, 3).map { value -> value * 2 + 1 }.filter { it > 2 }\n\n" +
		"    companion object {\n        @JvmStatic\n        fun data() = listOf(1, 2, 3)\n\n        fun make(): ATest {\n" + ktStmt + "        }\n    }\n\n" +
		"    @Test\n    fun `adds numbers`() = runTest {\n" + ktStmt + "    }\n\n    @Test\n    fun t() {\n" + ktStmt + "    }\n}\n", Fast: true},
	{Name: "funspec keeps its tests", Src: "class MathSpec : FunSpec({\n    context(\"math\") {\n        test(\"adds\") {\n" + ktStmt + "        }\n        xtest(\"subtracts\") {\n" + ktStmt + "        }\n    }\n" +
		"    test(\"multiplies\").config(enabled = false) {\n" + ktStmt + "    }\n\n    test<Int>(\"typed\") {\n" + ktStmt + "    }\n})\n", Fast: true},
	{Name: "string, free, word and behavior specs keep their tests", Src: "class S : StringSpec({\n    \"adds\" {\n" + ktStmt + "    }\n    \"configured\".config(invocations = 2) {\n" + ktStmt + "    }\n})\n\n" +
		"class F : FreeSpec({\n    \"tree\" - {\n        \"leaf\" {\n" + ktStmt + "        }\n    }\n})\n\n" +
		"class W : WordSpec({\n    \"String\" should {\n        \"have a length\" {\n" + ktStmt + "        }\n    }\n})\n\n" +
		"class B : BehaviorSpec({\n    given(\"a broom\") {\n        `when`(\"sat on\") {\n            then(\"it flies\") {\n" + ktStmt + "            }\n        }\n        When(\"thrown\") {\n            Then(\"it comes back\") {\n" + ktStmt + "            }\n        }\n    }\n})\n", Fast: true},
	{Name: "vertical tabs and form feeds are blanks", Src: "class W : WordSpec() {\n    init {\n        words()\n        \"y\" {\n        }\n    }\n\n    fun words() {\n        \"String\"\vshould {\n" + ktStmt + "        }\n    }\n\n" +
		"    fun tests() {\n        test\f(\"x\") {\n" + ktStmt + "        }\n    }\n}\n", Fast: true},
	{Name: "describe spec: it < 3 is no call", Src: "class D : DescribeSpec({\n    describe(\"numbers\") {\n        it(\"filters\") {\n            listOf(1, 2, 3).filter { it < 3 }.size shouldBe 2\n" + ktStmt + "        }\n    }\n})\n", Fast: true},
	{Name: "kotest calls in a helper and an init block", Src: "class H : FunSpec() {\n    init {\n        registerTests()\n        test(\"in init\") {\n" + ktStmt + "        }\n    }\n\n" +
		"    private fun registerTests() {\n        test(\"from a helper\") {\n" + ktStmt + "        }\n    }\n\n    private fun more() {\n        \"a\" {\n" + ktStmt + "        }\n    }\n\n" +
		"    private fun typed() {\n        test<Map<String, List<Int>>>(\"typed\") {\n" + ktStmt + "        }\n    }\n\n" +
		"    private fun backticked() {\n        `when`(\"w\") {\n" + ktStmt + "        }\n    }\n\n" +
		"    private fun minus() {\n        \"m\" - {\n" + ktStmt + "        }\n    }\n}\n", Fast: true},
	{Name: "annotations, classes, objects and functions in bodies stay", Src: "@Test\nclass ATest {\n    fun a() {\n        @Suppress(\"UNUSED_VARIABLE\") val x = 1\n" + ktStmt + "    }\n\n" +
		"    val callbacks = listOf(1).map {\n        fun helper() = it\n" + ktStmt + "    }\n\n" +
		"    fun b() {\n        class Local : FunSpec()\n" + ktStmt + "    }\n\n" +
		"    fun c() {\n        val r = object : Runnable {\n            override fun run() {\n            }\n        }\n" + ktStmt + "    }\n\n" +
		"    fun d() {\n        val s = \"${listOf(1).map { it }}\"\n" + ktStmt + "    }\n\n" +
		"    fun e() {\n        listOf(1).forEach { return@forEach }\n        this@ATest.toString()\n        val k = ATest::class\n" + ktStmt + "    }\n}\n", Fast: true},
	{Name: "enums, init blocks, constructors, object literals", Src: "enum class Op(val f: (Int) -> Int) {\n    INC({ it + 1 }),\n    DEC({ it - 1 }) {\n        override fun toString(): String {\n" + ktStmt + "            return \"dec\"\n        }\n    };\n\n    fun apply(x: Int): Int {\n" + ktStmt + "        return f(x)\n    }\n}\n\n" +
		"class ATest(val x: Int) {\n    constructor() : this(1) {\n" + ktStmt + "    }\n\n    init {\n" + ktStmt + "    }\n\n" +
		"    val r = object : Runnable {\n        override fun run() {\n" + ktStmt + "        }\n    }\n\n    @Test\n    fun t() {\n" + ktStmt + "    }\n}\n", Fast: true},
	{Name: "generics, where, when and control blocks", Src: "class ATest {\n    fun <T : Comparable<T>> max(a: T, b: T): T where T : Any {\n" + ktStmt + "        return a\n    }\n\n" +
		"    @Test\n    fun t() {\n        val y = when (x) {\n            1 -> {\n" + ktStmt + "            }\n            else -> 2\n        }\n" +
		"        if (y > 1) {\n" + ktStmt + "        } else {\n" + ktStmt + "        }\n        try {\n" + ktStmt + "        } catch (e: Exception) {\n" + ktStmt + "        }\n    }\n\n" +
		"    @ParameterizedTest\n    @ValueSource(ints = [1, 2])\n    fun each(n: Int) {\n        assertFailsWith<IllegalStateException> {\n" + ktStmt + "        }\n    }\n}\n", Fast: true},
	{Name: "a syntax error between functions", Src: "class ATest {\n    @Test\n    fun a() {\n" + ktStmt + "    }\n\n    ) fun (\n\n    @Test\n    fun b() {\n" + ktStmt + "    }\n}\n", Fast: false},
	{Name: "a syntax error the lexer does not see", Src: "class ATest {\n    @Test\n    fun a() {\n" + ktStmt + "    }\n\n    fun fun fun\n\n    @Test\n    fun b() {\n" + ktStmt + "    }\n}\n", Fast: false},
	{Name: "a class closed on its last member's line", Src: "class ATest {\n    @Test\n    fun a() {\n" + ktStmt + "    } }\n", Fast: false},
}

// TestKotlinBodiesLeftOutChangeNothing: on the traps, the fixtures and, with
// KOTLIN_BODIES_DIFF_DIRS=dir:dir, every .kt file under those folders (a
// by-hand check on real code), the inventory is the same with bodies left
// out of the parse as with the whole parse. The fixtures' bodies are mostly
// empty: the traps are what must take the fast path.
func TestKotlinBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	frontendtest.CheckFastPath(t, kotlinBodyTraps, "Test.kt", "KOTLIN_BODIES_DIFF_DIRS", kotlinFixtureDirs, ".kt", extractKotlin)
}

// FuzzKotlinBodiesLeftOutChangeNothing: on any source tree-sitter parses
// without an error, the inventory with bodies left out is the inventory of
// the whole parse.
func FuzzKotlinBodiesLeftOutChangeNothing(f *testing.F) {
	frontendtest.FuzzFastPath(f, kotlinGrammar, kotlinBodyTraps, nil, "FuzzTest.kt", extractKotlin)
}

// TestKotlinBodiesKeepWhatRulesRead is a stronger check on every .kt file
// (not only those with tests, which are few here): where the parse with
// bodies left out is taken, the rules read the same nodes in it as in the
// whole parse (kotlinReads). Real folders through KOTLIN_BODIES_DIFF_DIRS,
// as above.
func TestKotlinBodiesKeepWhatRulesRead(t *testing.T) {
	t.Parallel()
	for _, tc := range kotlinBodyTraps {
		sameReads(t, tc.Name, []byte(tc.Src))
	}
	dirs := kotlinFixtureDirs
	if extra := os.Getenv("KOTLIN_BODIES_DIFF_DIRS"); extra != "" {
		dirs = append(slices.Clone(dirs), filepath.SplitList(extra)...)
	}
	for _, dir := range dirs {
		files, gapped := 0, 0
		err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".kt") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			if sameReads(t, p, src) {
				gapped++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d files, %d parsed with bodies left out, each read alike", dir, files, gapped)
	}
}

// TestKotlinBodiesOnVariants: each variant of the traps and of the
// pre-filter's seeds with one byte left out or one of the bytes the lexer
// reads inserted, that the grammar reads cleanly, is read alike and
// inventoried alike with and without bodies left out. make test edits every
// variantStride-th byte (a few seconds); KOTLIN_BODIES_VARIANTS=1 edits
// every byte (some minutes, by hand).
func TestKotlinBodiesOnVariants(t *testing.T) {
	t.Parallel()
	stride := variantStride
	if os.Getenv("KOTLIN_BODIES_VARIANTS") != "" {
		stride = 1
	}
	srcs := slices.Clone(kotlinPreFilterSeeds)
	for _, c := range kotlinBodyTraps {
		srcs = append(srcs, c.Src)
	}
	variants, clean, gapped := 0, 0, 0
	check := func(v []byte) {
		variants++
		tree, err := kotlinGrammar.Parse(v)
		if err != nil {
			t.Fatal(err)
		}
		ok := !tree.RootNode().HasError()
		tree.Close()
		if !ok {
			return
		}
		clean++
		if sameReads(t, "variant", v) {
			gapped++
		}
		frontendtest.SameAsWhole(t, "VariantTest.kt", v, extractKotlin)
	}
	at := 0 // counts bytes across the sources, so that each is edited at other offsets
	for _, s := range srcs {
		for i := range len(s) {
			if at++; at%stride != 0 {
				continue
			}
			check([]byte(s[:i] + s[i+1:]))
			for _, c := range "{}\"'`@/*$(-<>\n\r\v.:=x\\" {
				check([]byte(s[:i] + string(c) + s[i:]))
			}
		}
	}
	t.Logf("%d variants, %d parsed cleanly, %d of them with bodies left out", variants, clean, gapped)
	if gapped == 0 {
		t.Error("no variant took the parse with bodies left out: the test compares nothing")
	}
}

// FuzzKotlinBodiesKeepWhatRulesRead: on any source tree-sitter parses
// without an error, with tests or not, the rules read the same nodes in the
// parse with bodies left out as in the whole parse.
func FuzzKotlinBodiesKeepWhatRulesRead(f *testing.F) {
	seeds := slices.Clone(kotlinPreFilterSeeds)
	for _, c := range kotlinBodyTraps {
		seeds = append(seeds, c.Src)
	}
	frontendtest.FuzzClean(f, kotlinGrammar, seeds, nil, func(t *testing.T, src []byte) { sameReads(t, "FuzzTest.kt", src) })
}

// variantStride is how far apart the bytes TestKotlinBodiesOnVariants edits
// in make test are.
const variantStride = 29

// sameReads fails t when the parse of src with bodies left out is taken and
// the rules read otherwise in it than in the whole parse; it reports
// whether that parse was taken.
func sameReads(t *testing.T, name string, src []byte) bool {
	t.Helper()
	gappedTree, gapped, err := parseKotlin(src, true)
	if err != nil {
		t.Fatal(err)
	}
	defer gappedTree.Close()
	if !gapped {
		return false
	}
	whole, err := kotlinGrammar.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	defer whole.Close()
	fast, slow := kotlinReads(gappedTree.RootNode(), src), kotlinReads(whole.RootNode(), src)
	if !slices.Equal(fast, slow) {
		t.Errorf("%s: bodies left out, the rules read otherwise:\nfast:  %q\nwhole: %q", name, fast, slow)
	}
	return true
}

// kotlinReads lists what the rules read of a tree: each capture of
// kotlinQuery by its name, type and range (with its subtree, for the
// small ones whose insides are read: modifiers, parameters, annotations),
// and each Kotest DSL call that newKotestItem takes (kotestQuery runs on
// every file here, not only on those with a spec).
func kotlinReads(root *sitter.Node, src []byte) []string {
	var out []string
	for _, m := range kotlinQuery().Matches(root, src) {
		for name, n := range m.Captures {
			r := fmt.Sprintf("%s %s %d-%d", name, n.Type(), n.StartByte(), n.EndByte())
			switch name {
			case "class", "spec", "method", "opaque":
			default:
				r += " " + n.String()
			}
			out = append(out, r)
		}
	}
	for _, m := range kotestQuery().Matches(root, src) {
		if it, ok := newKotestItem(m.Captures, src); ok {
			out = append(out, fmt.Sprintf("kotest %+v", it))
		}
	}
	slices.Sort(out)
	return out
}

// TestKotestNamesAreKotestFn: the lexer's set of DSL names is exactly what
// kotestFn takes, on every spelling near one (prefixes, case).
func TestKotestNamesAreKotestFn(t *testing.T) {
	var bases []string
	for _, set := range []map[string]bool{kotestContainers, kotestTests, kotestInfix} {
		for n := range set {
			bases = append(bases, n, strings.ToUpper(n[:1])+n[1:], strings.ToLower(n), strings.ToUpper(n), n[1:], n+"s")
		}
	}
	bases = append(bases, "", "x", "f", "Xit", "run", "\xc4it")
	for _, b := range bases {
		for _, p := range []string{"", "x", "f", "X", "F", "xx", "xf"} {
			w := p + b
			if _, _, ok := kotestFn(w); ok != kotestNames[w] {
				t.Errorf("kotestFn(%q) takes it: %v, kotestNames: %v", w, ok, kotestNames[w])
			}
		}
	}
}
