package project

import (
	"encoding/json"
	"path"
	"regexp"
	"strings"

	"github.com/testlens/testlens/contracts/inventory"
)

// exactConfigs are file names read whole; the value, when set, is the
// framework whose config the file is merely by existing.
var exactConfigs = map[string]inventory.Framework{
	"package.json":             "",
	"jasmine.json":             inventory.FrameworkJasmine,
	"karma.conf.js":            "", // its frameworks array names the framework
	"karma.conf.ts":            "",
	"bunfig.toml":              inventory.FrameworkBunTest,
	"cypress.json":             inventory.FrameworkCypress,
	"pytest.ini":               inventory.FrameworkPytest,
	"conftest.py":              inventory.FrameworkPytest,
	"tox.ini":                  "",
	"setup.cfg":                "",
	"pyproject.toml":           "",
	"Pipfile":                  "",
	"Cargo.toml":               inventory.FrameworkCargoTest,
	"composer.json":            "",
	"phpunit.xml":              inventory.FrameworkPHPUnit,
	"phpunit.xml.dist":         inventory.FrameworkPHPUnit,
	"Gemfile":                  "",
	".rspec":                   inventory.FrameworkRSpec,
	"pom.xml":                  "",
	"build.gradle":             "",
	"build.gradle.kts":         "",
	"mix.exs":                  inventory.FrameworkExUnit,
	"mocha.opts":               "", // Mocha before 8: its command-line options
	"pubspec.yaml":             "",
	"CMakeLists.txt":           "",
	"conanfile.txt":            "",
	"vcpkg.json":               "",
	"go.mod":                   "",
	"Package.swift":            "",
	"Directory.Packages.props": "",
	"Directory.Build.props":    "",
	"libs.versions.toml":       "",
}

// prefixConfigs are config files recognised by the start of their name
// (jest.config.js, jest.config.ts, vitest.config.mts, .mocharc.yml, …).
var prefixConfigs = []struct {
	prefix    string
	framework inventory.Framework
}{
	{"jest.config.", inventory.FrameworkJest},
	{"vitest.config.", inventory.FrameworkVitest},
	{"vitest.workspace.", inventory.FrameworkVitest},
	{"vite.config.", ""}, // vitest only when it has a test section
	{"playwright.config.", inventory.FrameworkPlaywright},
	{"playwright-ct.config.", inventory.FrameworkPlaywright},
	{"cypress.config.", inventory.FrameworkCypress},
	{".mocharc", inventory.FrameworkMocha},
}

// dependencyNames maps a dependency name, as written in a manifest, to the
// framework it brings.
var dependencyNames = map[string]inventory.Framework{
	// npm
	"jest": inventory.FrameworkJest, "ts-jest": inventory.FrameworkJest, "babel-jest": inventory.FrameworkJest, "@jest/globals": inventory.FrameworkJest,
	"vitest": inventory.FrameworkVitest, "mocha": inventory.FrameworkMocha, "jasmine": inventory.FrameworkJasmine,
	"jasmine-core": inventory.FrameworkJasmine, "karma-jasmine": inventory.FrameworkJasmine,
	"@playwright/test": inventory.FrameworkPlaywright, "cypress": inventory.FrameworkCypress,
	"bun-types": inventory.FrameworkBunTest, "@types/bun": inventory.FrameworkBunTest,
	// composer
	"phpunit/phpunit": inventory.FrameworkPHPUnit, "pestphp/pest": inventory.FrameworkPest,
}

var (
	// Text manifests are matched with patterns rather than full parsers:
	// evidence only needs the dependency's name.
	reGem        = regexp.MustCompile(`(?m)^\s*gem\s+['"](rspec|rspec-rails|minitest)['"]`)
	rePyDep      = regexp.MustCompile(`(?mi)(^|["'\s])pytest([<>=~!\s"',\[]|$)`)
	rePytestSect = regexp.MustCompile(`(?m)^\[(tool:pytest|pytest|tool\.pytest\.ini_options|tool\.pytest)\]`)
	// python_files = test_*.py check_*.py, continued on indented lines
	// (ini), or a TOML string or array.
	rePythonFiles = regexp.MustCompile(`(?m)^[ \t]*python_files[ \t]*=[ \t]*(.*(?:\n[ \t]+\S.*)*)`)
	// Names are found with strings.Contains: Go's regexp runs an
	// alternation of literals, or a case-insensitive one, at a few MB/s.
	// kotlin-test-junit (kotlin("test-junit")) runs kotlin.test's tests
	// with JUnit 4, kotlin-test-junit5 with Jupiter.
	reJUnit5 = literals{any: []string{"junit-jupiter", "org.junit.jupiter", "junit-bom", "test-junit5"}}
	reJUnit4 = literals{any: []string{"junit:junit", "<artifactId>junit</artifactId>", "test-junit:", `test-junit"`, "test-junit'", "test-junit<", "test-junit)"}}
	reTestNG = literals{any: []string{"testng"}}
	reKotest = literals{any: []string{"kotest-runner", "kotest-framework"}}
	reXUnit  = literals{fold: true, any: []string{`include="xunit`}}
	reNUnit  = literals{fold: true, any: []string{`include="nunit`}}
	reMSTest = literals{fold: true, any: []string{`include="mstest`, "microsoft.visualstudio.testplatform"}}
	// <Using Include="Xunit" /> in a project file is a global using: as
	// strong as the import in every file of the project.
	reGlobalUsing  = regexp.MustCompile(`(?i)<Using\s+Include="(Xunit|NUnit\.Framework|Microsoft\.VisualStudio\.TestTools\.UnitTesting)"`)
	reUseTestNG    = regexp.MustCompile(`useTestNG\(`)
	reUseJUnit4    = regexp.MustCompile(`useJUnit\(\)`)
	reCatch2       = literals{fold: true, any: []string{"catch2"}}
	reGinkgo       = regexp.MustCompile(`github\.com/onsi/ginkgo`)
	reTestify      = regexp.MustCompile(`github\.com/stretchr/testify`)
	reDartTest     = regexp.MustCompile(`(?m)^\s+(test|flutter_test):`)
	reSwiftTesting = regexp.MustCompile(`swift-testing`)
	reViteTest     = regexp.MustCompile(`(?m)\btest\s*:`)
	// A Mocha interface: ui: exports / "ui": "exports" in a config, -u
	// exports / --ui=exports on a command line.
	reMochaUIKey = regexp.MustCompile(`(?m)(?:^|[\s{,])["']?ui["']?\s*:\s*["']?([\w-]+)`)
	reMochaUIArg = regexp.MustCompile(`(?:^|\s)(?:-u|--ui)(?:\s+|=)["']?([\w-]+)`)
	reKarmaFws   = regexp.MustCompile(`\bframeworks\s*:\s*\[([^\]]*)\]`)
)

// gradleScript reports whether relPath is a Gradle script kept in the
// gradle/ folder by convention (gradle/compile-jvm.gradle,
// gradle/libs.versions.toml), which a build applies with `apply from:` or
// reads as its version catalog: its dependencies are the project's.
func gradleScript(relPath string) bool {
	base := path.Base(relPath)
	return path.Base(path.Dir(relPath)) == "gradle" &&
		(strings.HasSuffix(base, ".gradle") || strings.HasSuffix(base, ".gradle.kts") || base == "libs.versions.toml")
}

// pythonFiles is the hint of pytest's python_files setting in a config's
// text, if it sets one.
func pythonFiles(text string) []Hint {
	m := rePythonFiles.FindStringSubmatch(text)
	if m == nil {
		return nil
	}
	globs := strings.Fields(strings.NewReplacer("[", " ", "]", " ", ",", " ", `"`, " ", "'", " ").Replace(m[1]))
	if len(globs) == 0 {
		return nil
	}
	return []Hint{{Framework: inventory.FrameworkPytest, Kind: Config, PythonFiles: globs}}
}

// parse turns one config file into hints.
func parse(relPath string, content []byte) []Hint {
	base := path.Base(relPath)
	text := string(content)
	var hints []Hint
	add := func(fw inventory.Framework, kind Kind) { hints = append(hints, Hint{Framework: fw, Kind: kind}) }

	if fw, ok := exactConfigs[base]; ok && fw != "" {
		add(fw, Config)
	}
	for _, p := range prefixConfigs {
		if strings.HasPrefix(base, p.prefix) && p.framework != "" {
			h := Hint{Framework: p.framework, Kind: Config}
			if p.framework == inventory.FrameworkMocha {
				if m := reMochaUIKey.FindStringSubmatch(text); m != nil {
					h.UI = m[1]
				}
			}
			hints = append(hints, h)
		}
	}

	switch {
	case base == "package.json":
		hints = append(hints, parsePackageJSON(content)...)
	case base == "karma.conf.js" || base == "karma.conf.ts":
		hints = append(hints, parseKarma(text)...)
	case base == "mocha.opts":
		h := Hint{Framework: inventory.FrameworkMocha, Kind: Config}
		if m := reMochaUIArg.FindStringSubmatch(text); m != nil {
			h.UI = m[1]
		}
		hints = append(hints, h)
	case strings.HasPrefix(base, "vite.config."):
		if reViteTest.MatchString(text) {
			add(inventory.FrameworkVitest, Config)
		}
	case base == "pytest.ini":
		hints = append(hints, pythonFiles(text)...)
	case base == "tox.ini" || base == "setup.cfg" || base == "pyproject.toml":
		if rePytestSect.MatchString(text) {
			add(inventory.FrameworkPytest, Config)
			hints = append(hints, pythonFiles(text)...)
		}
		if rePyDep.MatchString(text) {
			add(inventory.FrameworkPytest, Dependency)
		}
	case base == "Pipfile" || strings.HasPrefix(base, "requirements"):
		if rePyDep.MatchString(text) {
			add(inventory.FrameworkPytest, Dependency)
		}
	case base == "composer.json":
		hints = append(hints, parseComposer(content)...)
	case base == "Gemfile":
		for _, m := range reGem.FindAllStringSubmatch(text, -1) {
			if strings.HasPrefix(m[1], "rspec") {
				add(inventory.FrameworkRSpec, Dependency)
			} else {
				add(inventory.FrameworkMinitest, Dependency)
			}
		}
	case base == "pom.xml" || strings.HasPrefix(base, "build.gradle") || base == "libs.versions.toml" || gradleScript(relPath):
		if reUseTestNG.MatchString(text) {
			add(inventory.FrameworkTestNG, Config)
		}
		if reUseJUnit4.MatchString(text) {
			add(inventory.FrameworkJUnit4, Config)
		}
		for _, m := range []struct {
			re literals
			fw inventory.Framework
		}{{reJUnit5, inventory.FrameworkJUnit5}, {reJUnit4, inventory.FrameworkJUnit4}, {reTestNG, inventory.FrameworkTestNG}, {reKotest, inventory.FrameworkKotest}} {
			if m.re.MatchString(text) {
				add(m.fw, Dependency)
			}
		}
	case strings.HasSuffix(base, "proj") || strings.HasPrefix(base, "Directory.") && strings.HasSuffix(base, ".props"):
		for _, m := range globalUsings(text) {
			switch strings.ToLower(m[1]) {
			case "xunit":
				add(inventory.FrameworkXUnit, Config)
			case "nunit.framework":
				add(inventory.FrameworkNUnit, Config)
			default:
				add(inventory.FrameworkMSTest, Config)
			}
		}
		for _, m := range []struct {
			re literals
			fw inventory.Framework
		}{{reXUnit, inventory.FrameworkXUnit}, {reNUnit, inventory.FrameworkNUnit}, {reMSTest, inventory.FrameworkMSTest}} {
			if m.re.MatchString(text) {
				add(m.fw, Dependency)
			}
		}
	case base == "CMakeLists.txt" || base == "conanfile.txt" || base == "vcpkg.json":
		if mentionsGTest(strings.ToLower(text)) {
			add(inventory.FrameworkGTest, Dependency)
		}
		if reCatch2.MatchString(text) {
			add(inventory.FrameworkCatch2, Dependency)
		}
	case base == "go.mod":
		if reGinkgo.MatchString(text) {
			add(inventory.FrameworkGinkgo, Dependency)
		}
		if reTestify.MatchString(text) {
			add(inventory.FrameworkTestify, Dependency)
		}
	case base == "pubspec.yaml":
		if reDartTest.MatchString(text) {
			add(inventory.FrameworkDartTest, Dependency)
		}
	case base == "Package.swift":
		if reSwiftTesting.MatchString(text) {
			add(inventory.FrameworkSwiftTesting, Dependency)
		}
	}
	return hints
}

// parsePackageJSON reads dependencies, the "jest" key and the test script.
func parsePackageJSON(content []byte) []Hint {
	var pkg struct {
		Dependencies     map[string]any  `json:"dependencies"`
		DevDependencies  map[string]any  `json:"devDependencies"`
		PeerDependencies map[string]any  `json:"peerDependencies"`
		Jest             json.RawMessage `json:"jest"`
		Mocha            json.RawMessage `json:"mocha"`
		Scripts          map[string]any  `json:"scripts"`
	}
	if json.Unmarshal(content, &pkg) != nil {
		return nil
	}
	var hints []Hint
	for _, deps := range []map[string]any{pkg.Dependencies, pkg.DevDependencies, pkg.PeerDependencies} {
		for name, v := range deps {
			if fw, ok := dependencyNames[name]; ok {
				spec, _ := v.(string)
				hints = append(hints, Hint{Framework: fw, Kind: Dependency, Major: majorOf(spec)})
			}
		}
	}
	if len(pkg.Jest) > 0 {
		hints = append(hints, Hint{Framework: inventory.FrameworkJest, Kind: Config})
	}
	if len(pkg.Mocha) > 0 {
		var opts struct {
			UI string `json:"ui"`
		}
		_ = json.Unmarshal(pkg.Mocha, &opts) // a "mocha" key that is no object names no interface
		hints = append(hints, Hint{Framework: inventory.FrameworkMocha, Kind: Config, UI: opts.UI})
	}
	// A test script that runs a framework is as good as its config file.
	for name, v := range pkg.Scripts {
		script, _ := v.(string)
		if !strings.HasPrefix(name, "test") {
			continue
		}
		for _, s := range []struct {
			needle string
			fw     inventory.Framework
		}{
			{"vitest", inventory.FrameworkVitest}, {"jest", inventory.FrameworkJest}, {"mocha", inventory.FrameworkMocha},
			// Create React App and its wrappers run Jest.
			{"react-scripts test", inventory.FrameworkJest}, {"react-app-rewired test", inventory.FrameworkJest},
			{"craco test", inventory.FrameworkJest},
			{"jasmine", inventory.FrameworkJasmine}, {"playwright test", inventory.FrameworkPlaywright},
			{"cypress run", inventory.FrameworkCypress}, {"node --test", inventory.FrameworkNodeTest},
			{"bun test", inventory.FrameworkBunTest},
		} {
			if strings.Contains(script, s.needle) {
				h := Hint{Framework: s.fw, Kind: Config}
				if s.fw == inventory.FrameworkMocha {
					if m := reMochaUIArg.FindStringSubmatch(script); m != nil {
						h.UI = m[1]
					}
				}
				hints = append(hints, h)
			}
		}
	}
	return hints
}

// parseKarma reads the frameworks a Karma config loads: Karma runs Mocha
// suites as often as Jasmine ones. A config whose frameworks cannot be read
// (computed, or in a shared file) counts for Jasmine, the most common.
func parseKarma(text string) []Hint {
	m := reKarmaFws.FindStringSubmatch(text)
	if m == nil {
		return []Hint{{Framework: inventory.FrameworkJasmine, Kind: Config}}
	}
	var hints []Hint
	for _, name := range []struct {
		quoted string
		fw     inventory.Framework
	}{{"jasmine", inventory.FrameworkJasmine}, {"mocha", inventory.FrameworkMocha}} {
		if strings.Contains(m[1], "'"+name.quoted+"'") || strings.Contains(m[1], `"`+name.quoted+`"`) {
			hints = append(hints, Hint{Framework: name.fw, Kind: Config})
		}
	}
	return hints
}

func parseComposer(content []byte) []Hint {
	var c struct {
		Require    map[string]any `json:"require"`
		RequireDev map[string]any `json:"require-dev"`
	}
	if json.Unmarshal(content, &c) != nil {
		return nil
	}
	var hints []Hint
	for _, deps := range []map[string]any{c.Require, c.RequireDev} {
		for name := range deps {
			if fw, ok := dependencyNames[name]; ok {
				hints = append(hints, Hint{Framework: fw, Kind: Dependency})
			}
		}
	}
	return hints
}

// majorOf reads the major version of an npm version range: the first number
// of "^5.0.1", "~4.1", ">=3 <5", "5.x", "npm:vitest@5.0.0"; 0 for a range
// without one (workspace:*, latest, *, a URL or path).
func majorOf(spec string) int {
	if i := strings.LastIndexByte(spec, '@'); i >= 0 && strings.HasPrefix(spec, "npm:") {
		spec = spec[i+1:]
	}
	spec = strings.TrimLeft(spec, "^~>=< vV")
	n, i := 0, 0
	for ; i < len(spec) && i < 6 && spec[i] >= '0' && spec[i] <= '9'; i++ {
		n = n*10 + int(spec[i]-'0')
	}
	if i == 0 || i < len(spec) && spec[i] != '.' && spec[i] != ' ' && spec[i] != '-' {
		return 0
	}
	return n
}

// literals matches a text that holds one of its strings; fold compares
// them, written in lower case, with the text in lower case (ASCII).
type literals struct {
	fold bool
	any  []string
}

func (l literals) MatchString(text string) bool {
	if l.fold {
		text = strings.ToLower(text)
	}
	for _, s := range l.any {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// mentionsGTest reports whether a build file in lower case names
// GoogleTest: the word gtest, GTest::, googletest or gmock.
func mentionsGTest(lower string) bool {
	if strings.Contains(lower, "googletest") || strings.Contains(lower, "gmock") || strings.Contains(lower, "gtest::") {
		return true
	}
	for at := 0; ; {
		i := strings.Index(lower[at:], "gtest")
		if i < 0 {
			return false
		}
		start, end := at+i, at+i+len("gtest")
		at = end
		if (start == 0 || !isWordByte(lower[start-1])) && (end == len(lower) || !isWordByte(lower[end])) {
			return true
		}
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// globalUsings returns reGlobalUsing's matches, looked for only in a text
// that holds "<using" (the case-insensitive pattern runs at a few MB/s).
func globalUsings(text string) [][]string {
	if !strings.Contains(strings.ToLower(text), "<using") {
		return nil
	}
	return reGlobalUsing.FindAllStringSubmatch(text, -1)
}
