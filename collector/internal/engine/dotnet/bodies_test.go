package dotnet

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
)

// stmt is a statement long enough to make a body worth leaving out.
const stmt = "            Assert.Equal(expected.Count, actual.Count); // }\n"

// bodyTraps are sources whose bodies hold what a careless lexer would take
// for the end of a body, or whose members look like bodies.
var bodyTraps = []struct {
	name, src string
	gapped    bool
}{
	{"plain", "using Xunit;\nnamespace Acme.Tests\n{\n    public class ATests\n    {\n        [Fact]\n        public void Adds()\n        {\n" + stmt + "        }\n        [Theory]\n        [InlineData(1, 2)]\n        public void Sums(int a, int b)\n        {\n" + stmt + "        }\n    }\n}\n", true},
	{"braces in strings and chars", "using Xunit;\npublic class ATests\n{\n    [Fact]\n    public void A()\n    {\n        var s = \"}{\"; var c = '}'; var d = '\\''; var v = @\"a \"\" }\";\n        var i = $\"{(x ? \"}\" : \"{\")} {{ }}\"; var r = \"\"\"\n            } \" {\n            \"\"\";\n" + stmt + "    }\n    [Fact] public void B() { }\n}\n", true},
	{"constructors, properties, fields, operators", "using NUnit.Framework;\n[TestFixture]\npublic class ATests : Base\n{\n    private readonly Func<int> f = () => { return 1; };\n    public int P { get { return 1; } set { } }\n    public ATests(int x) : base(x)\n    {\n" + stmt + "    }\n    [JsonProperty(\"x\")] public int Q { get; set; }\n    public static ATests operator +(ATests a, ATests b)\n    {\n" + stmt + "    }\n    [Test]\n    public void T<U>() where U : class\n    {\n" + stmt + "    }\n    [Test]\n    public void V()\n    {\n" + stmt + "    }\n}\n", true},
	{"attributes in bodies stay", "using Xunit;\npublic class ATests\n{\n    [Fact]\n    public void A()\n    {\n        [Obsolete] void Local() { }\n" + stmt + "    }\n    [Fact]\n    public void B()\n    {\n        var a = new[] { 1, 2 }; var b = a[0];\n" + stmt + "    }\n}\n", true},
	{"#if around members", "using Xunit;\npublic class ATests\n{\n#if NET6_0\n    [Fact]\n    public void A()\n    {\n" + stmt + "    }\n#endif\n    [Fact]\n    public void B()\n    {\n#if DEBUG\n" + stmt + "#endif\n    }\n}\n", true},
	{"#else inside a body", "using Xunit;\npublic class ATests\n{\n    [Fact]\n    public void A()\n    {\n#if NET6_0\n        using (var s = Open()) {\n" + stmt + "        }\n#else\n" + stmt + "#endif\n    }\n}\n", true},
	{"#else between headers is parsed whole", "using Xunit;\npublic class ATests\n{\n#if NET6_0\n    [Fact]\n    public void A()\n    {\n#else\n    [Fact]\n    public void A()\n    {\n#endif\n" + stmt + "    }\n}\n", false},
	{"a syntax error between methods", "using Xunit;\npublic class ATests\n{\n    [Fact]\n    public void A()\n    {\n" + stmt + "    }\n    ) void (\n    [Fact] public void B() { }\n}\n", false},
}

func extractBoth(t *testing.T, path string, src []byte) (hasTests, gapped bool) {
	t.Helper()
	return frontendtest.SameAsWhole(t, path, src, extract)
}

// TestBodiesLeftOutChangeNothing: on traps, the fixtures and, with
// CSHARP_BODIES_DIFF_DIRS=dir:dir, every .cs file under those folders (a
// by-hand check on real code), the inventory is the same with method bodies
// left out of the parse as with the whole parse.
func TestBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	for _, tc := range bodyTraps {
		if _, got := extractBoth(t, tc.name+"Tests.cs", []byte(tc.src)); got != tc.gapped {
			t.Errorf("%s: gapped = %v, want %v", tc.name, got, tc.gapped)
		}
	}
	// The fixtures' bodies are mostly short: the traps are what must take
	// the fast path.
	frontendtest.FastPathDirs(t, "CSHARP_BODIES_DIFF_DIRS", []string{"../testdata/csharp", "../testdata/projects"},
		func(p string) bool { return strings.HasSuffix(p, ".cs") },
		func(p string, src []byte) (bool, bool) { return extractBoth(t, filepath.Base(p), src) })
}

// FuzzBodiesLeftOutChangeNothing: on any source tree-sitter parses without
// an error, the inventory with method bodies left out is the inventory of
// the whole parse.
func FuzzBodiesLeftOutChangeNothing(f *testing.F) {
	seeds := make([]string, len(bodyTraps))
	for i, c := range bodyTraps {
		seeds[i] = c.src
	}
	frontendtest.FuzzClean(f, grammar, seeds, nil, func(t *testing.T, src []byte) { extractBoth(t, "FuzzTests.cs", src) })
}
