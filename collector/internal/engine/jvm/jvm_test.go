package jvm

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// checkJVM asserts what JVM files add to frontendtest.CheckSane: every test
// is in a class, a suite of the file.
func checkJVM(tb testing.TB, f *inventory.File) {
	tb.Helper()
	frontendtest.ReasonWhenUnknown(tb, f)
	suites := map[string]bool{}
	for _, s := range f.Suites {
		suites[strings.Join(s.Path, "\x00")] = true
	}
	for _, tc := range f.Tests {
		if strings.TrimSpace(tc.Name) == "" || len(tc.SuitePath) == 0 || !suites[strings.Join(tc.SuitePath, "\x00")] {
			tb.Fatalf("blank name or no suite: %+v", tc)
		}
	}
}

// FuzzJavaExtractor feeds arbitrary sources to the Java front end: no
// panic, no hang, only sane tests. Seeds are the golden samples.
func FuzzJavaExtractor(f *testing.F) {
	frontendtest.Fuzz(f, Extractor{}, "java", "src/test/java/FuzzTest.java", checkJVM)
}

// FuzzKotlinExtractor is FuzzJavaExtractor for Kotlin.
func FuzzKotlinExtractor(f *testing.F) {
	frontendtest.Fuzz(f, KotlinExtractor{}, "kotlin", "src/test/kotlin/FuzzTest.kt", checkJVM)
}

// BenchmarkJavaExtract extracts every Java sample; cpu-ns/file is the figure
// to keep under 1 ms.
func BenchmarkJavaExtract(b *testing.B) { frontendtest.Bench(b, Extractor{}, "java") }

// BenchmarkKotlinExtract is BenchmarkJavaExtract for Kotlin.
func BenchmarkKotlinExtract(b *testing.B) { frontendtest.Bench(b, KotlinExtractor{}, "kotlin") }

func TestCandidate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		path         string
		java, kotlin bool
	}{
		{"src/test/java/com/acme/FooTest.java", true, false},
		{"FooTests.java", true, false},
		{"TestFoo.java", true, false},
		{"FooIT.java", true, false},
		{"FooTestCase.java", true, false},
		{"src/test/java/com/acme/Fixtures.java", true, false},
		{"app/src/integrationTest/java/Db.java", true, false},
		{"src/main/java/com/acme/Foo.java", false, false},
		{"src/main/java/com/acme/Testing.java", true, false},
		{"FooSpec.java", false, false},
		{"src/test/java/package-info.java", false, false},
		{"FooTest.kt", false, true},
		{"FooSpec.kt", false, true},
		{"src/test/kotlin/Fixtures.kt", false, true},
		{"TestFoo.kt", false, false},
		{"src/main/kotlin/Foo.kt", false, false},
		{"build.gradle.kts", false, false},
		{"FooTest.kts", false, false},
		{"latest/Foo.java", false, false},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.java {
			t.Errorf("Extractor.Candidate(%q) = %v, want %v", tc.path, got, tc.java)
		}
		if got := (KotlinExtractor{}).Candidate(tc.path); got != tc.kotlin {
			t.Errorf("KotlinExtractor.Candidate(%q) = %v, want %v", tc.path, got, tc.kotlin)
		}
	}
}

func TestParseCSVLine(t *testing.T) {
	t.Parallel()
	show := func(vs []*string) string {
		var parts []string
		for _, v := range vs {
			if v == nil {
				parts = append(parts, "<null>")
			} else {
				parts = append(parts, "«"+*v+"»")
			}
		}
		return strings.Join(parts, " ")
	}
	for _, tc := range []struct{ line, want string }{
		{"a, b", "«a» «b»"},
		{"  a  ,  b  ", "«a» «b»"},
		{"'a, b', c", "«a, b» «c»"},
		{"'', x", "«» «x»"},
		{", x,", "<null> «x» <null>"},
		{"'it''s', ' padded '", "«it's» « padded »"},
		{"'unterminated", "«unterminated»"},
		{"", "<null>"},
	} {
		if got := show(parseCSVLine(tc.line, ",", '\'')); got != tc.want {
			t.Errorf("parseCSVLine(%q) = %s, want %s", tc.line, got, tc.want)
		}
	}
}

func TestJavaFloat(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		v    float64
		bits int
		want string
	}{{1, 64, "1.0"}, {1.5, 64, "1.5"}, {1e10, 64, "1.0E10"}, {0.0001, 64, "1.0E-4"}, {-2.5, 64, "-2.5"}, {0.1, 32, "0.1"}, {1234567, 64, "1234567.0"}} {
		if got := javaFloat(tc.v, tc.bits); got != tc.want {
			t.Errorf("javaFloat(%v) = %s, want %s", tc.v, got, tc.want)
		}
	}
}

func TestFormatParamName(t *testing.T) {
	t.Parallel()
	r := row{args: []string{"apple", "1"}}
	for _, tc := range []struct{ pattern, want string }{
		{"[{index}] {argumentsWithNames}", "[3] apple, 1"},
		{"{index} ==> fruit ''{0}'' has rank {1}", "3 ==> fruit 'apple' has rank 1"},
		{"'{0}' is {0}", "{0} is apple"},
		{"{displayName} {5} {x}", "m() {5} {x}"},
		{"{arguments", "{arguments"},
	} {
		if got := formatParamName(tc.pattern, 3, "m()", r); got != tc.want {
			t.Errorf("formatParamName(%q) = %q, want %q", tc.pattern, got, tc.want)
		}
	}
}

// TestHostile checks that large or deep inputs stay bounded.
func TestHostile(t *testing.T) {
	t.Parallel()
	var java bytes.Buffer
	java.WriteString("import org.junit.jupiter.api.*;\nclass ATest {\n")
	for range 200 {
		java.WriteString("@RepeatedTest(10000) void r() {}\n")
	}
	java.WriteString(strings.Repeat("class N { ", 2000) + "@Test void deep() {}" + strings.Repeat("}", 2000) + "}\n")
	start := time.Now()
	f, ok, err := Extractor{}.Extract(&frontend.Source{Path: "ATest.java", Content: java.Bytes(), Project: project.New()})
	if err != nil || !ok {
		t.Fatalf("ok=%v err=%v", ok, err)
	}
	if n := len(f.Tests); n > 200+MaxCases+1 {
		t.Fatalf("%d tests: the case bound does not hold", n)
	}
	var kt bytes.Buffer
	kt.WriteString("import io.kotest.core.spec.style.FunSpec\nclass ASpec : FunSpec({\n")
	kt.WriteString(strings.Repeat("context(\"c\") {\n", 500) + "test(\"t\") { }\n" + strings.Repeat("}\n", 500) + "\n})\n")
	if f, _, err := (KotlinExtractor{}).Extract(&frontend.Source{Path: "ASpec.kt", Content: kt.Bytes(), Project: project.New()}); err != nil || len(f.Tests) != 1 || len(f.Tests[0].SuitePath) != 501 {
		t.Fatalf("500 nested contexts: err=%v tests=%+v", err, f.Tests)
	}
	// Deep nesting repeats suite paths: past MaxNames the file is reported
	// with a SkipReason instead of gigabytes of paths.
	deep := "import org.junit.jupiter.api.*;\nclass ATest {\n" + strings.Repeat("@Nested class N { @Test void t() {} ", 3000) + strings.Repeat("}", 3000) + "}\n"
	f, ok, err = Extractor{}.Extract(&frontend.Source{Path: "ATest.java", Content: []byte(deep), Project: project.New()})
	if err != nil || !ok || f.SkipReason == "" || len(f.Tests) != 0 {
		t.Fatalf("deep Java: ok=%v err=%v skip=%q tests=%d", ok, err, f.SkipReason, len(f.Tests))
	}
	deepKt := "import io.kotest.core.spec.style.FunSpec\nclass ASpec : FunSpec({\n" + strings.Repeat("context(\"c\") {\ntest(\"t\") { }\n", 3000) + strings.Repeat("}", 3000) + "\n})\n"
	f, ok, err = KotlinExtractor{}.Extract(&frontend.Source{Path: "ASpec.kt", Content: []byte(deepKt), Project: project.New()})
	if err != nil || !ok || f.SkipReason == "" || len(f.Tests) != 0 {
		t.Fatalf("deep Kotlin: ok=%v err=%v skip=%q tests=%d", ok, err, f.SkipReason, len(f.Tests))
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("hostile inputs took %v", d)
	}
}

func TestDetection(t *testing.T) {
	t.Parallel()
	const noImport = "package a;\nclass ATest {\n  @Test void a() {}\n}\n"
	const kotlinBase = "package a\nclass ASpec : BaseSpec({\n  test(\"a\") { }\n})\n"
	const kotlinFun = "package a\nclass ASpec : FunSpec({\n  test(\"a\") { }\n})\n"
	const kotlinJUnit = "package a\nimport io.kotest.matchers.shouldBe\nimport org.junit.jupiter.api.Test\nclass ATest {\n  @Test fun a() { 1 shouldBe 1 }\n}\n"
	const kotlinTestAPI = "package a\nimport kotlin.test.Test\nclass ATest {\n  @Test fun a() {}\n}\n"
	for _, tc := range []struct {
		name, path, src string
		build           map[string]string
		want            inventory.Framework
	}{
		{"no evidence", "src/test/java/a/ATest.java", noImport, nil, inventory.FrameworkUnknown},
		{"gradle jupiter", "src/test/java/a/ATest.java", noImport, map[string]string{"build.gradle": "testImplementation 'org.junit.jupiter:junit-jupiter:5.11.0'"}, inventory.FrameworkJUnit5},
		{"pom testng", "src/test/java/a/ATest.java", noImport, map[string]string{"pom.xml": "<groupId>org.testng</groupId>"}, inventory.FrameworkTestNG},
		{"nearest wins", "m/src/test/java/a/ATest.java", noImport, map[string]string{"pom.xml": "<artifactId>junit-jupiter</artifactId>", "m/pom.xml": "<groupId>junit</groupId><artifactId>junit</artifactId>"}, inventory.FrameworkJUnit4},
		{"import beats build", "src/test/java/a/ATest.java", "import org.testng.annotations.Test;\n" + noImport, map[string]string{"pom.xml": "<artifactId>junit-jupiter</artifactId>"}, inventory.FrameworkTestNG},
		{"kotest base class, no evidence", "src/test/kotlin/a/ASpec.kt", kotlinBase, nil, inventory.FrameworkUnknown},
		{"kotest base class, gradle", "src/test/kotlin/a/ASpec.kt", kotlinBase, map[string]string{"build.gradle.kts": `testImplementation("io.kotest:kotest-runner-junit5:5.9.1")`}, inventory.FrameworkKotest},
		{"kotest style without import", "src/test/kotlin/a/ASpec.kt", kotlinFun, nil, inventory.FrameworkKotest},
		{"kotest matchers in jupiter", "src/test/kotlin/a/ATest.kt", kotlinJUnit, map[string]string{"build.gradle.kts": `"io.kotest:kotest-runner-junit5:5.9.1"`}, inventory.FrameworkJUnit5},
		{"kotlin.test on junit4", "src/test/kotlin/a/ATest.kt", kotlinTestAPI, map[string]string{"build.gradle.kts": `testImplementation("junit:junit:4.13.2")`}, inventory.FrameworkJUnit4},
	} {
		proj := project.New()
		for p, content := range tc.build {
			proj.Add(p, []byte(content))
		}
		var ex frontend.Extractor = Extractor{}
		if strings.HasSuffix(tc.path, ".kt") {
			ex = KotlinExtractor{}
		}
		f, ok, err := ex.Extract(&frontend.Source{Path: tc.path, Content: []byte(tc.src), Project: proj})
		if err != nil || !ok {
			t.Errorf("%s: ok=%v err=%v", tc.name, ok, err)
			continue
		}
		if f.Framework != tc.want {
			t.Errorf("%s: framework %s (%s), want %s", tc.name, f.Framework, f.FrameworkReason, tc.want)
		}
	}
}

// TestAnnotatesTests: the pre-filter lets through every way of writing a
// test annotation, and not generated code whose types are named Test….
func TestAnnotatesTests(t *testing.T) {
	for src, want := range map[string]bool{
		"@Test void a() {}":                           true,
		"@ Test void a() {}":                          true,
		"@org . junit . Test void a() {}":             true,
		"@org.junit.jupiter.api.Test void a() {}":     true,
		"@ParameterizedTest @ValueSource(ints = 1)":   true,
		"@Theory public void a() {}":                  true,
		"@Test(enabled = false) public class A {}":    true,
		"@/* why */Test void a() {}":                  true,
		"@org./* c */junit // c\n.Test void a() {}":   true,
		"class TestEnum { @Override public int a; }":  false,
		"/** see TestTable */ @Deprecated class X {}": false,
		"MyGame.Example.TestSimpleTableWithEnum t;":   false,
	} {
		if got := annotatesTests([]byte(src)); got != want {
			t.Errorf("annotatesTests(%q) = %v, want %v", src, got, want)
		}
	}
}
