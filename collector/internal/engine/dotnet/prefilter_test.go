package dotnet

import (
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
)

// TestMayHoldTests: the pre-filter lets through every way of writing a test
// attribute, and not generated code whose types are named Test….
func TestMayHoldTests(t *testing.T) {
	preFilter.Expect(t, map[string]bool{
		"[Fact]\npublic void A() {}": true,
		"class ATests {\n    /// <summary>x</summary>\n    [Theory, InlineData(1)]\n    public void A(int x) {}\n}": true,
		"class ATests { [Test] public void A() {} }":                                                                true,
		"[Trait(\"a\", \"b\")][Xunit.FactAttribute] public void A() {}":                                             true,
		"[InlineData(new[] { 1 }), Fact] public void A(int[] x) {}":                                                 true,
		"[InlineData(\"]\"), Fact] public void A(string x) {}":                                                      true,
		"/* c */ [TestMethod] public void A() {}":                                                                   true,
		"class A {\n#endif [Fact] void A() {} }":                                                                    true,
		"[\n  Theory,\n  InlineData(1)\n] public void A(int x)":                                                     true,
		"[NUnit.Framework.TestCase(1)] public void A(int x)":                                                        true,
		"[DataRow(1)] [DataTestMethod] public void A(int x)":                                                        true,
		"public TestEnum A => (TestEnum)x[0]; // TestEnum":                                                          false,
		"var t = new MyGame.Example.TestSimpleTableWithEnum();":                                                     false,
		// generated code and helpers
		"var v = new StringOffset[_o.Testarrayofstring.Count];":     false,
		"public MyGame.Example.Test? Test4(int j) { return null; }": false,
		"[Serializable]\npublic class TestSimpleTableWithEnum {}":   false,
		"var x = dict[\"Test\"];":                                   false,
		// A line is read back maxList bytes at most: past that a [ may open a list.
		"var a = " + strings.Repeat("b", maxList) + " + x[Test];": true,
	})
}

// preFilter is mayHoldTests and the tests of the parse without it.
var preFilter = frontendtest.PreFilter{Pass: mayHoldTests, Tests: func(path string, src []byte) int {
	f, _, _ := extractParsed(&frontend.Source{Path: path, Content: src, Project: project.New()}, true)
	return len(f.Tests)
}}

// TestPreFilterDropsNoTest: on the fixtures and, with
// CSHARP_PREFILTER_DIFF_DIRS=dir:dir, every .cs file under those folders (a
// by-hand check on real code), a file the pre-filter turns away has no test
// in its parse.
func TestPreFilterDropsNoTest(t *testing.T) {
	t.Parallel()
	frontendtest.CheckPreFilter(t, "CSHARP_PREFILTER_DIFF_DIRS", []string{"../testdata/csharp", "../testdata/projects"},
		func(p string) bool { return strings.HasSuffix(p, ".cs") }, func(p string) string { return p }, preFilter)
}

// FuzzPreFilterDropsNoTest: on any source tree-sitter parses without an
// error, a file the pre-filter turns away has no test in its parse.
func FuzzPreFilterDropsNoTest(f *testing.F) {
	frontendtest.FuzzPreFilter(f, grammar, []string{
		"using Xunit;\npublic class ATests\n{\n    [InlineData(new[] { 1 }), Fact]\n    public void A(int[] x) { var v = y[Test]; }\n}\n",
		"using NUnit.Framework;\n[TestFixture]\npublic class ATests { [TestCase(\"]\")] public void B(string s) {} }\n",
	}, bodyTraps, "FuzzTests.cs", preFilter)
}
