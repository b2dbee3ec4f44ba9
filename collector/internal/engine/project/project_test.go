package project

import (
	"strings"
	"testing"

	"github.com/testlens/testlens/contracts/inventory"
)

var js = []inventory.Framework{inventory.FrameworkJest, inventory.FrameworkVitest, inventory.FrameworkMocha}

func TestIsConfig(t *testing.T) {
	t.Parallel()
	for path, want := range map[string]bool{
		"package.json":                     true,
		"scripts/jest/jest.config.js":      true,
		"packages/a/vitest.config.mts":     true,
		".mocharc.yml":                     true,
		"tests/App.Tests/App.Tests.csproj": true,
		"requirements-dev.txt":             true,
		"src/index.js":                     false,
		"jest.setup.js":                    false,
		"README.md":                        false,
	} {
		if got := IsConfig(path); got != want {
			t.Errorf("IsConfig(%q) = %v, want %v", path, got, want)
		}
	}
}

func TestNearestConfigWins(t *testing.T) {
	t.Parallel()
	p := New()
	p.Add("package.json", []byte(`{"devDependencies": {"jest": "^29"}}`))
	p.Add("packages/a/package.json", []byte(`{"devDependencies": {"vitest": "^1"}, "scripts": {"test": "vitest run"}}`))
	p.Add("scripts/jest/jest.config.js", []byte(`module.exports = {}`))

	// packages/a: its own package.json runs vitest.
	if d := p.Decide("packages/a/src/x.test.ts", js, nil); d.Framework != inventory.FrameworkVitest || !strings.Contains(d.Reason, "packages/a/package.json") {
		t.Errorf("packages/a: %+v, want vitest from packages/a/package.json", d)
	}
	// packages/b has no manifest: the root dependency decides.
	if d := p.Decide("packages/b/x.test.js", js, nil); d.Framework != inventory.FrameworkJest {
		t.Errorf("packages/b: %+v, want jest from the root package.json", d)
	}
	// A config away from the root applies below it.
	if d := p.Decide("scripts/jest/x.test.js", js, nil); d.Framework != inventory.FrameworkJest || !strings.Contains(d.Reason, "jest.config.js") {
		t.Errorf("scripts/jest: %+v", d)
	}
	// The file's own import beats project evidence.
	if d := p.Decide("packages/a/y.test.ts", js, map[inventory.Framework]int{inventory.FrameworkMocha: ImportWeight}); d.Framework != inventory.FrameworkMocha {
		t.Errorf("import: %+v, want mocha", d)
	}
}

func TestUnknownHasAReason(t *testing.T) {
	t.Parallel()
	d := New().Decide("x.test.js", js, nil)
	if d.Framework != inventory.FrameworkUnknown || !strings.Contains(d.Reason, "jest, vitest, mocha") {
		t.Fatalf("%+v", d)
	}
}

func TestManifestEvidence(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path, content string
		want          inventory.Framework
		kind          Kind
	}{
		{"pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q\"\n", inventory.FrameworkPytest, Config},
		{"requirements.txt", "pytest==8.0\n", inventory.FrameworkPytest, Dependency},
		{"Gemfile", "gem 'rspec-rails'\n", inventory.FrameworkRSpec, Dependency},
		{"pom.xml", "<artifactId>junit-jupiter</artifactId>", inventory.FrameworkJUnit5, Dependency},
		{"t/T.csproj", `<PackageReference Include="xunit" Version="2.4" />`, inventory.FrameworkXUnit, Dependency},
		{"composer.json", `{"require-dev": {"pestphp/pest": "^2"}}`, inventory.FrameworkPest, Dependency},
		{"go.mod", "require github.com/onsi/ginkgo/v2 v2.1.0\n", inventory.FrameworkGinkgo, Dependency},
		{"CMakeLists.txt", "find_package(GTest REQUIRED)\n", inventory.FrameworkGTest, Dependency},
		{"CMakeLists.txt", "target_link_libraries(t GTest::gtest_main)\n", inventory.FrameworkGTest, Dependency},
		{"vcpkg.json", `{"dependencies": ["Catch2"]}`, inventory.FrameworkCatch2, Dependency},
		{"Directory.Packages.props", `<PackageVersion Include="MSTest.TestFramework" />`, inventory.FrameworkMSTest, Dependency},
		{"t/T.csproj", `<PackageReference Include="NUnit" />`, inventory.FrameworkNUnit, Dependency},
		{"build.gradle.kts", `testImplementation("io.kotest:kotest-runner-junit5:5.8.0")`, inventory.FrameworkKotest, Dependency},
		{"build.gradle", `testImplementation 'org.testng:testng:7.8.0'`, inventory.FrameworkTestNG, Dependency},
		{"vite.config.ts", "export default { test: { globals: true } }", inventory.FrameworkVitest, Config},
		{"karma.conf.js", "config.set({ frameworks: [ 'mocha' ], files: ['test/*.js'] })", inventory.FrameworkMocha, Config},
		{"karma.conf.ts", `config.set({frameworks: ["jasmine", "@angular-devkit/build-angular"]})`, inventory.FrameworkJasmine, Config},
		{"karma.conf.js", "module.exports = require('./karma.shared')", inventory.FrameworkJasmine, Config},
	} {
		p := New()
		p.Add(tc.path, []byte(tc.content))
		hints := p.Nearest(tc.path, tc.kind, []inventory.Framework{tc.want})
		if len(hints) == 0 {
			t.Errorf("%s: no %v evidence for %s", tc.path, tc.kind, tc.want)
		}
	}
	p := New()
	p.Add("vite.config.ts", []byte("export default { plugins: [] }"))
	if h := p.Nearest("x.test.ts", Config, js); len(h) != 0 {
		t.Errorf("a vite config without a test section is not vitest evidence: %+v", h)
	}
	// chai's karma.conf.js runs its Mocha suite in browsers.
	p = New()
	p.Add("karma.conf.js", []byte("config.set({ frameworks: [ 'mocha' ] })"))
	if h := p.Nearest("test/x.js", Config, []inventory.Framework{inventory.FrameworkJasmine}); len(h) != 0 {
		t.Errorf("a Karma config for Mocha is not Jasmine evidence: %+v", h)
	}
}

// TestMentionsGTest: the word gtest, not a longer name.
func TestMentionsGTest(t *testing.T) {
	for text, want := range map[string]bool{
		"find_package(gtest)": true, "gtest": true, "link(gmock)": true, "gtest::gtest": true, "xgtest::main": true,
		"add_subdirectory(googletest)": true, "gtest_main": false, "mygtest": false, "catch2": false,
	} {
		if got := mentionsGTest(text); got != want {
			t.Errorf("mentionsGTest(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestDotNetAndGradleEvidence(t *testing.T) {
	t.Parallel()
	dotnet := []inventory.Framework{inventory.FrameworkXUnit, inventory.FrameworkNUnit, inventory.FrameworkMSTest}
	p := New()
	// The test SDK is in every .NET test project: it says nothing about which framework.
	p.Add("a/A.Tests.csproj", []byte(`<PackageReference Include="Microsoft.NET.Test.Sdk" /><PackageReference Include="xunit" /><Using Include="Xunit" />`))
	if h := p.Nearest("a/x.cs", Dependency, []inventory.Framework{inventory.FrameworkMSTest}); len(h) != 0 {
		t.Errorf("Microsoft.NET.Test.Sdk counted as MSTest: %+v", h)
	}
	if d := p.Decide("a/x.cs", dotnet, nil); d.Framework != inventory.FrameworkXUnit {
		t.Errorf("%+v, want xunit", d)
	}
	p.Add("k/build.gradle.kts", []byte(`testImplementation("io.kotest:kotest-assertions-core:5.8.0")`))
	if h := p.Nearest("k/x.kt", Dependency, []inventory.Framework{inventory.FrameworkKotest}); len(h) != 0 {
		t.Errorf("kotest assertions counted as the kotest framework: %+v", h)
	}
	p.Add("g/build.gradle", []byte("test { useTestNG() }"))
	if h := p.Nearest("g/x.java", Config, []inventory.Framework{inventory.FrameworkTestNG}); len(h) != 1 {
		t.Errorf("useTestNG() not read: %+v", h)
	}
}

func TestEvidenceCountsOncePerFramework(t *testing.T) {
	t.Parallel()
	p := New()
	p.Add("package.json", []byte(`{"scripts": {"test": "mocha"}}`))
	p.Add(".mocharc.yml", []byte("spec: test\n"))
	p.Add("cypress.config.js", []byte("module.exports = {}"))
	d := p.Decide("cypress/e2e/a.cy.js", []inventory.Framework{inventory.FrameworkMocha, inventory.FrameworkCypress},
		map[inventory.Framework]int{inventory.FrameworkCypress: NameWeight})
	if d.Framework != inventory.FrameworkCypress {
		t.Fatalf("%+v: two pieces of mocha config outweighed cypress's config and file name", d)
	}
}

func TestMajorOf(t *testing.T) {
	t.Parallel()
	for spec, want := range map[string]int{
		"^5.0.5": 5, "~3.2.4": 3, "5": 5, "5.x": 5, ">=4 <6": 4, "v2.1.0": 2, "npm:vitest@4.1.0": 4,
		"workspace:*": 0, "latest": 0, "*": 0, "": 0, "github:vitest-dev/vitest": 0, "file:../vitest": 0, "5beta": 0,
	} {
		if got := majorOf(spec); got != want {
			t.Errorf("majorOf(%q) = %d, want %d", spec, got, want)
		}
	}
}

func TestDeclaredMajor(t *testing.T) {
	t.Parallel()
	p := New()
	p.Add("package.json", []byte(`{"devDependencies": {"vitest": "^3.2.0"}}`))
	p.Add("app/package.json", []byte(`{"devDependencies": {"vitest": "^5.0.5"}}`))
	p.Add("tools/package.json", []byte(`{"devDependencies": {"vitest": "workspace:*"}}`))
	for file, want := range map[string]int{"app/src/a.test.ts": 5, "lib/a.test.ts": 3, "tools/a.test.ts": 0} {
		if got := p.DeclaredMajor(file, inventory.FrameworkVitest); got != want {
			t.Errorf("DeclaredMajor(%s) = %d, want %d", file, got, want)
		}
	}
	var none *Project
	if got := none.DeclaredMajor("a.test.ts", inventory.FrameworkVitest); got != 0 {
		t.Errorf("nil Project: %d", got)
	}
}

// TestMochaUI: the interface comes from the nearest Mocha config, in each of
// the places Mocha reads it.
func TestMochaUI(t *testing.T) {
	t.Parallel()
	p := New()
	p.Add("package.json", []byte(`{"devDependencies": {"mocha": "^10"}, "scripts": {"test": "mocha -R spec -u exports"}}`))
	p.Add("a/.mocharc.json", []byte(`{ "ui": "tdd", "reporter": "dot" }`))
	p.Add("b/.mocharc.yml", []byte("recursive: true\nui: qunit\n"))
	p.Add("c/package.json", []byte(`{"mocha": {"ui": "exports"}}`))
	p.Add("d/test/mocha.opts", []byte("--require should\n--ui=exports\n"))
	p.Add("e/package.json", []byte(`{"scripts": {"test": "mocha test/"}}`))
	for path, want := range map[string]string{
		"test/x.js": "exports", "a/test/x.js": "tdd", "b/x.js": "qunit", "c/test/x.js": "exports",
		"d/test/x.js": "exports", "e/test/x.js": "", // e's own config names none: Mocha's default
	} {
		if got := p.MochaUI(path); got != want {
			t.Errorf("MochaUI(%s) = %q, want %q", path, got, want)
		}
	}
	if got := New().MochaUI("test/x.js"); got != "" {
		t.Errorf("no config: %q", got)
	}
}

func TestPythonFiles(t *testing.T) {
	t.Parallel()
	p := New()
	p.Add("pytest.ini", []byte("[pytest]\npython_files = test_*.py\n    check_*.py\naddopts = -q\n"))
	p.Add("tests/conftest.py", []byte("import pytest\n"))
	p.Add("sub/pyproject.toml", []byte("[tool.pytest.ini_options]\npython_files = [\n    \"*_spec.py\",\n]\n"))
	p.Add("plain/setup.cfg", []byte("[metadata]\npython_files = not_pytest.py\n"))
	for file, want := range map[string]string{
		"tests/unit/check_a.py": "test_*.py check_*.py", // a conftest.py nearer sets nothing
		"sub/tests/x_spec.py":   "*_spec.py",
		"plain/test_x.py":       "test_*.py check_*.py", // not a pytest section
	} {
		if got := strings.Join(p.PythonFiles(file), " "); got != want {
			t.Errorf("PythonFiles(%s) = %q, want %q", file, got, want)
		}
	}
	if got := New().PythonFiles("test_x.py"); got != nil {
		t.Errorf("no config: PythonFiles = %v, want nil (pytest's default)", got)
	}
}

func TestCreateReactAppRunsJest(t *testing.T) {
	t.Parallel()
	for _, script := range []string{"react-scripts test --env=node", "react-app-rewired test", "craco test --watchAll=false"} {
		p := New()
		p.Add("ui/package.json", []byte(`{"scripts": {"test": "`+script+`"}, "devDependencies": {"react-scripts": "^4.0.3"}}`))
		d := p.Decide("ui/src/App.test.tsx", []inventory.Framework{inventory.FrameworkJest, inventory.FrameworkVitest}, nil)
		if d.Framework != inventory.FrameworkJest {
			t.Errorf("test script %q: %+v, want jest", script, d)
		}
	}
}
