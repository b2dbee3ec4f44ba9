package dotnet

import (
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
)

// stmt is a statement long enough to make a body worth leaving out.
const stmt = "            Assert.Equal(expected.Count, actual.Count); // }\n"

// bodyTraps are sources whose bodies hold what a careless lexer would take
// for the end of a body, or whose members look like bodies.
var bodyTraps = []frontendtest.BodyTrap{
	{Name: "plain", Src: "using Xunit;\nnamespace Acme.Tests\n{\n    public class ATests\n    {\n        [Fact]\n        public void Adds()\n        {\n" + stmt + "        }\n        [Theory]\n        [InlineData(1, 2)]\n        public void Sums(int a, int b)\n        {\n" + stmt + "        }\n    }\n}\n", Fast: true},
	{Name: "braces in strings and chars", Src: "using Xunit;\npublic class ATests\n{\n    [Fact]\n    public void A()\n    {\n        var s = \"}{\"; var c = '}'; var d = '\\''; var v = @\"a \"\" }\";\n        var i = $\"{(x ? \"}\" : \"{\")} {{ }}\"; var r = \"\"\"\n            } \" {\n            \"\"\";\n" + stmt + "    }\n    [Fact] public void B() { }\n}\n", Fast: true},
	{Name: "constructors, properties, fields, operators", Src: "using NUnit.Framework;\n[TestFixture]\npublic class ATests : Base\n{\n    private readonly Func<int> f = () => { return 1; };\n    public int P { get { return 1; } set { } }\n    public ATests(int x) : base(x)\n    {\n" + stmt + "    }\n    [JsonProperty(\"x\")] public int Q { get; set; }\n    public static ATests operator +(ATests a, ATests b)\n    {\n" + stmt + "    }\n    [Test]\n    public void T<U>() where U : class\n    {\n" + stmt + "    }\n    [Test]\n    public void V()\n    {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "attributes in bodies stay", Src: "using Xunit;\npublic class ATests\n{\n    [Fact]\n    public void A()\n    {\n        [Obsolete] void Local() { }\n" + stmt + "    }\n    [Fact]\n    public void B()\n    {\n        var a = new[] { 1, 2 }; var b = a[0];\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "indexers and collection expressions are no attributes", Src: "using Xunit;\npublic class ATests\n{\n    [Fact]\n    public void A()\n    {\n        var d = new Dictionary<int, int> { [1] = 2 };\n        Use([d[1], 2]); int[] e = [];\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "#if around members", Src: "using Xunit;\npublic class ATests\n{\n#if NET6_0\n    [Fact]\n    public void A()\n    {\n" + stmt + "    }\n#endif\n    [Fact]\n    public void B()\n    {\n#if DEBUG\n" + stmt + "#endif\n    }\n}\n", Fast: true},
	{Name: "#else inside a body", Src: "using Xunit;\npublic class ATests\n{\n    [Fact]\n    public void A()\n    {\n#if NET6_0\n        using (var s = Open()) {\n" + stmt + "        }\n#else\n" + stmt + "#endif\n    }\n}\n", Fast: true},
	{Name: "#else between headers is parsed whole", Src: "using Xunit;\npublic class ATests\n{\n#if NET6_0\n    [Fact]\n    public void A()\n    {\n#else\n    [Fact]\n    public void A()\n    {\n#endif\n" + stmt + "    }\n}\n", Fast: false},
	{Name: "a syntax error between methods", Src: "using Xunit;\npublic class ATests\n{\n    [Fact]\n    public void A()\n    {\n" + stmt + "    }\n    ) void (\n    [Fact] public void B() { }\n}\n", Fast: false},
}

// TestBodiesLeftOutChangeNothing: on the traps, the fixtures and, with
// CSHARP_BODIES_DIFF_DIRS=dir:dir, every .cs file under those folders (a by-hand
// check on real code), the inventory is the same with method bodies left out of
// the parse as with the whole parse. The fixtures' bodies are mostly short:
// the traps are what must take the fast path.
func TestBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	frontendtest.CheckFastPath(t, bodyTraps, "Tests.cs", "CSHARP_BODIES_DIFF_DIRS", []string{"../testdata/csharp", "../testdata/projects"}, ".cs", extract)
}

// TestBodyGapsKeepTestAttributes: a body in which a [ may open an attribute
// the rules read stays in the parse (its name could tip the framework's
// scores when only the project's dependencies name frameworks); indexers
// and collection expressions do not keep a body.
func TestBodyGapsKeepTestAttributes(t *testing.T) {
	src := "public class ATests\n{\n    [Test]\n    public void A()\n    {\n        [Fact] void Local() { }\n" + stmt + "    }\n" +
		"    [Test]\n    public void B()\n    {\n        var d = new Dictionary<int, int> { [1] = 2 };\n        Use([d[1], 2]);\n" + stmt + "    }\n}\n"
	gaps := bodyGaps([]byte(src))
	b := strings.Index(src, "void B()")
	if len(gaps) != 1 || gaps[0].Start < b {
		t.Fatalf("gaps %+v: want only the body of B (after offset %d)", gaps, b)
	}
}

// FuzzBodiesLeftOutChangeNothing: on any source tree-sitter parses without
// an error, the inventory with method bodies left out is the inventory of the
// whole parse.
func FuzzBodiesLeftOutChangeNothing(f *testing.F) {
	frontendtest.FuzzFastPath(f, grammar, bodyTraps, nil, "FuzzTests.cs", extract)
}
