package dotnet

import (
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

func TestCandidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"CalculatorTests.cs", true},
		{"src/App/CalculatorTest.cs", true},
		{"src/App/CalculatorSpec.cs", true},
		{"tests/App.Tests/Services/Fixture.cs", true},
		{"src/App.Test/Helpers.cs", true},
		{"test/Helpers.cs", true},
		{"src/UnitTests/Helpers.cs", true},
		{"src/App/Calculator.cs", false},
		{"tests/App.Tests/obj/Debug/net8.0/App.Tests.AssemblyInfo.cs", false},
		{"tests/App.Tests/bin/Gen.cs", false},
		{"tests/App.Tests/CalcTests.csx", false},
		{"tests/App.Tests/App.Tests.csproj", false},
		{"src/Latest/Contest.cs", true}, // "test" suffix: accepted, Extract decides
		{"src/Core/Contest.cs", false},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

// TestDetection checks that project evidence decides, and that attribute
// names alone never do.
func TestDetection(t *testing.T) {
	t.Parallel()
	src := []byte("public class ATests {\n  [Test]\n  public void A() {}\n  [Fact]\n  public void B() {}\n}\n")
	for _, tc := range []struct {
		csproj string
		want   inventory.Framework
		tests  int
	}{
		{"", inventory.FrameworkUnknown, 2},
		{`<PackageReference Include="NUnit" Version="4.1.0" /><PackageReference Include="Microsoft.NET.Test.Sdk" />`, inventory.FrameworkNUnit, 1},
		{`<PackageReference Include="xunit" Version="2.9.0" /><PackageReference Include="Microsoft.NET.Test.Sdk" />`, inventory.FrameworkXUnit, 1},
	} {
		p := project.New()
		if tc.csproj != "" {
			p.Add("tests/A.Tests/A.Tests.csproj", []byte("<Project>"+tc.csproj+"</Project>"))
		}
		f, ok, err := Extractor{}.Extract(&frontend.Source{Path: "tests/A.Tests/ATests.cs", Content: src, Project: p})
		if err != nil || !ok {
			t.Fatalf("Extract: ok=%v err=%v", ok, err)
		}
		if f.Framework != tc.want || len(f.Tests) != tc.tests {
			t.Errorf("csproj %q: framework %s with %d tests, want %s with %d", tc.csproj, f.Framework, len(f.Tests), tc.want, tc.tests)
		}
		if (f.FrameworkReason != "") != (tc.want == inventory.FrameworkUnknown) {
			t.Errorf("csproj %q: reason %q", tc.csproj, f.FrameworkReason)
		}
	}
}

// FuzzCSharpExtractor feeds arbitrary sources to the front end: no panic, no
// hang, only sane tests. Seeds are the golden samples.
func FuzzCSharpExtractor(f *testing.F) { frontendtest.Fuzz(f, Extractor{}, "csharp", "FuzzTests.cs") }

// BenchmarkCSharpExtract extracts every sample; cpu-ns/file is the figure to
// keep under 1 ms.
func BenchmarkCSharpExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "csharp") }
