package javascript

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

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
		{"src/sum.test.js", true},
		{"src/sum.spec.ts", true},
		{"src/App.test.tsx", true},
		{"src/a.test.mjs", true},
		{"src/a.spec.cjs", true},
		{"src/a.test.mts", true},
		{"src/a.spec.cts", true},
		{"src/a.test.jsx", true},
		{"cypress/e2e/login.cy.ts", true},
		{"app/search.e2e.js", true},
		{"test.js", true},
		{"src/__tests__/sum.js", true},
		{"test/helpers.js", true},
		{"packages/a/tests/unit/x.ts", true},
		{"spec/player.js", true},
		{"e2e/home.ts", true},
		{"cypress/support/commands.js", true},
		{"testLib/sharedTestCases.js", true},
		{"src/test-utils/render.tsx", true},
		{"src/sum.js", false},
		{"src/testing.js", false},
		{"src/latest.js", false},
		{"src/contest/a.js", false},
		{"src/a.test.d.ts", false},
		{"types/index.d.ts", false},
		{"test/types.d.mts", false},
		{"src/a.test.json", false},
		{"src/a_test.go", false},
		{"test/a.py", false},
	} {
		if got := (Extractor{}).Candidate(tc.path); got != tc.want {
			t.Errorf("Candidate(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func TestLanguageOf(t *testing.T) {
	t.Parallel()
	for p, want := range map[string]inventory.Language{
		"a.test.ts": inventory.LanguageTypeScript, "a.test.tsx": inventory.LanguageTypeScript,
		"a.test.mts": inventory.LanguageTypeScript, "a.test.cts": inventory.LanguageTypeScript,
		"a.test.js": inventory.LanguageJavaScript, "a.test.jsx": inventory.LanguageJavaScript,
		"a.test.mjs": inventory.LanguageJavaScript, "a.test.cjs": inventory.LanguageJavaScript,
	} {
		if got := (Extractor{}).LanguageOf(p); got != want {
			t.Errorf("LanguageOf(%q) = %s, want %s", p, got, want)
		}
	}
}

func TestCaseTitle(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		fl    flavor
		title string
		row   string // a JavaScript array literal: the row's arguments
		idx   int
		want  string
		ok    bool
	}{
		{flavorJest, "add(%i, %i) -> %i", "[1, 2, 3]", 0, "add(1, 2) -> 3", true},
		{flavorJest, "%s|%d|%i|%f", "['a', '4.5', 4.5, '1.5e3x']", 0, "a|4.5|4|1500", true},
		{flavorJest, "%p and %p", "['x', [1, 'y']]", 0, `"x" and [1, "y"]`, true},
		{flavorJest, "%j %o", "[{a: 1, b: [true, null]}, 'q']", 0, `{"a":1,"b":[true,null]} 'q'`, true},
		{flavorJest, "case %# of %$: %s", "['x']", 4, "case 4 of 5: x", true},
		{flavorJest, "100%% sure %s", "['yes']", 0, "100% sure yes", true},
		{flavorJest, "no placeholders", "[1, 2]", 0, "no placeholders", true},
		{flavorJest, "too few %s %s", "[1]", 0, "too few 1 %s", true},
		{flavorJest, "%d", "[-0]", 0, "-0", true},
		{flavorJest, "%s", "[1e21]", 0, "1e+21", true},
		{flavorJest, "%s", "[0.0000001]", 0, "1e-7", true},
		{flavorJest, "%d", "['abc']", 0, "NaN", true},
		{flavorJest, "%s", "[someVar]", 0, "", false},
		{flavorJest, "%s", "[{a: 1}]", 0, "", false},
		{flavorJest, "$a is $b.c ($#)", "[{a: 'x', b: {c: 2}}]", 3, "x is 2 (3)", true},
		{flavorJest, "$a and $missing", "[{a: [1, 2]}]", 0, "[1, 2] and $missing", true},
		{flavorVitest, "add($0, $1) -> $2", "[1, 2, 3]", 0, "add(1, 2) -> 3", true},
		{flavorVitest, "$name is $age", "[{name: 'al', age: 3}]", 0, "'al' is 3", true},
		{flavorVitest, "%s has $x", "['a']", 0, "a has $x", true},
		{flavorVitest, "%i-%s", "[1, 'one']", 0, "1-one", true},
		// TypeScript assertions keep the value.
		{flavorJest, "renders $resultType results", "[{resultType: 'scalar' as const, value: '5'}]", 0, "renders scalar results", true},
		{flavorJest, "%s to %s", "['up' as Status, 'ok' as const]", 0, "up to ok", true},
		{flavorVitest, "$a $b", "[{a: 1 as number, b: 'x'} satisfies Record<string, string | number>]", 0, "1 'x'", true},
		// Vitest 5: strings through $key unquoted and cut at 40, printf
		// output not read for $references.
		{flavorVitest5, "$name is $age", "[{name: 'al', age: 3}]", 0, "al is 3", true},
		{flavorVitest5, "cause of $name", "[{name: 'a very long description of a failure mode, over forty'}]", 0, "cause of a very long description of a failure mo…", true},
		{flavorVitest5, "%s has $x (%#)", "['a']", 2, "a has $x (2)", true},
		{flavorVitest5, "%s and $1", "['$1', 'b']", 0, "$1 and b", true},
		{flavorVitest5, "$name", "[{name: x}]", 0, "", false},
	} {
		row := parseLiteral(tc.row)
		if row.kind != vArray {
			t.Fatalf("bad row literal %s", tc.row)
		}
		got, ok := caseTitle(tc.fl, tc.title, row.elems, tc.idx)
		if got != tc.want || ok != tc.ok {
			t.Errorf("caseTitle(%q, %s) = %q, %v; want %q, %v", tc.title, tc.row, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFoldTemplate(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text, want string
		ok         bool
	}{
		{"`flow ${'api'}`", "flow api", true},
		{"`v${1}.${-0}.${2.50} ${ \"x\" }${`y`}`", "v1.0.2.5 xy", true},
		{"`${null}/${undefined}/${true}`", "null/undefined/true", true},
		{"`a\\\\${'b'}\\t`", "a\\b\t", true},
		{"`tab\\${'x'}`", "tab${'x'}", true},
		{"`keeps ${flow}`", "", false},
		{"`${'a', 'b'}`", "", false},
		{"`${[1]}`", "", false},
		{"`${'unclosed`", "", false},
	} {
		got, ok := foldTemplate(tc.text)
		if got != tc.want || ok != tc.ok {
			t.Errorf("foldTemplate(%s) = %q, %v; want %q, %v", tc.text, got, ok, tc.want, tc.ok)
		}
	}
}

func TestConcatPattern(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		text, want string
		ok         bool
	}{
		{`'for app ' + app`, "for app ${app}", true},
		{"\"a\\tb \" + x.y + ` (${z})` + '!'", "a\tb ${x.y} (${z})!", true},
		{`app + ' first'`, "", false},
		{`'n: ' + JSON.stringify(x)`, "", false},
		{`'a' - b`, "", false},
		{`'a' + `, "", false},
	} {
		got, ok := concatPattern(tc.text)
		if got != tc.want || ok != tc.ok {
			t.Errorf("concatPattern(%s) = %q, %v; want %q, %v", tc.text, got, ok, tc.want, tc.ok)
		}
	}
}

func TestTemplateTable(t *testing.T) {
	t.Parallel()
	heads, rows, ok := templateTable("\n  a | b    | expected\n  ${1} | ${'x'} | ${{ k: 1 }}\n  ${2} | ${y} | ${[3]}\n")
	if !ok || !slices.Equal(heads, []string{"a", "b", "expected"}) || len(rows) != 2 {
		t.Fatalf("templateTable = %v %v %v", heads, rows, ok)
	}
	if rows[0][1].kind != vString || rows[1][1].kind != vUnknown || rows[0][2].kind != vObject || rows[1][2].kind != vArray {
		t.Errorf("cells read wrong: %+v", rows)
	}
	if _, _, ok := templateTable("a | b\n${1}\n"); ok {
		t.Error("a table with a missing cell was accepted")
	}
}

func TestParamNames(t *testing.T) {
	t.Parallel()
	got := paramNames("(c, name: string, fn = () => {}, { a, b }: Opts, ...rest: T[])")
	want := []string{"c", "name", "fn", "", "rest"}
	if !slices.Equal(got, want) {
		t.Errorf("paramNames = %q, want %q", got, want)
	}
}

func extract(t testing.TB, name, src string) (inventory.File, bool) {
	t.Helper()
	f, ok, err := Extractor{}.Extract(&frontend.Source{Path: name, Content: []byte(src), Project: project.New()})
	if err != nil {
		t.Fatal(err)
	}
	return f, ok
}

// TestHostileInput checks that inputs built to blow up stay bounded.
func TestHostileInput(t *testing.T) {
	t.Parallel()
	var b strings.Builder
	// 3000 nested describes with a test each: quadratic names, capped.
	for range 3000 {
		b.WriteString("describe('d', () => { it('t', () => {});\n")
	}
	for range 3000 {
		b.WriteString("});\n")
	}
	start := time.Now()
	f, ok := extract(t, "deep.test.js", b.String())
	if !ok {
		t.Fatal("not reported")
	}
	if f.SkipReason == "" && len(f.Tests) != 3000 {
		t.Errorf("got %d tests and no skip reason", len(f.Tests))
	}
	// A huge each table.
	b.Reset()
	b.WriteString("it.each([")
	for range 20000 {
		b.WriteString("[1,'a'],")
	}
	b.WriteString("])('%i %s', () => {});\n")
	f, _ = extract(t, "big.test.js", b.String())
	if len(f.Tests) != 20001 {
		t.Errorf("big table: %d tests", len(f.Tests))
	}
	// Deeply nested literal.
	b.Reset()
	b.WriteString("it.each([" + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "])('x %p', () => {});")
	if f, _ := extract(t, "nested.test.js", b.String()); len(f.Tests) != 2 {
		t.Errorf("nested literal: %+v", f)
	}
	// Long method chains and nested titles: each callee and title holds the
	// text of the next, so reading them whole would be quadratic.
	if f, _ := extract(t, "chain.test.js", "it('x', () => {}); a"+strings.Repeat(".c()", 100000)); !strings.Contains(f.SkipReason, "nest") {
		t.Errorf("long chain: skip reason %q", f.SkipReason)
	}
	if f, _ := extract(t, "chain.test.js", "it('x', () => {}); a"+strings.Repeat(".c(() => { x(); })", 100000)); !strings.Contains(f.SkipReason, "nest") {
		t.Errorf("long chain with bodies: skip reason %q", f.SkipReason)
	}
	if f, _ := extract(t, "chain.test.js", "it('x', () => {\n"+strings.Repeat("  cy.get('a').click().should('b');\n", 5000)+"});"); len(f.Tests) != 1 {
		t.Errorf("many short chains: %+v", f.SkipReason)
	}
	b.Reset()
	for range 3000 {
		b.WriteString("it(`${")
	}
	for range 3000 {
		b.WriteString("}`, () => {})")
	}
	extract(t, "titles.test.js", b.String())
	// Deeply nested tests: refused before parsing.
	f, _ = extract(t, "nested-its.test.js", strings.Repeat("it('x', () => {", 20000)+strings.Repeat("})", 20000))
	if !strings.Contains(f.SkipReason, "nest") {
		t.Errorf("deep nesting: skip reason %q", f.SkipReason)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("hostile inputs took %v", d)
	}
}

// FuzzJavaScriptExtractor feeds arbitrary sources to the front end under
// every extension: it must never panic, and must report only sane files.
// FuzzJavaScriptExtractor: no panic, no hang, only sane files, whatever the
// input and extension.
func FuzzJavaScriptExtractor(f *testing.F) {
	frontendtest.Fuzz(f, Extractor{}, "javascript", "fuzz.test.ts", frontendtest.ReasonWhenUnknown)
}

// FuzzMochaExportsUI fuzzes the front end in a project whose Mocha config
// selects the exports interface, where module exports are read as tests.
func FuzzMochaExportsUI(f *testing.F) {
	for _, seed := range []string{"dates/test/dates.test.js", "dom/test/dom.js"} {
		src, err := os.ReadFile(filepath.Join("..", "testdata", "projects", "js-mocha-interfaces", seed))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(path.Base(seed), src)
	}
	frontendtest.Fuzz(f, exportsUIExtractor{}, "javascript", "fuzz.test.js", frontendtest.ReasonWhenUnknown)
}

// exportsUIExtractor extracts as in a project whose package.json runs
// `mocha -u exports`.
type exportsUIExtractor struct{ Extractor }

var exportsUIProject = func() *project.Project {
	p := project.New()
	p.Add("package.json", []byte(`{"scripts": {"test": "mocha -u exports"}}`))
	return p
}()

func (e exportsUIExtractor) Extract(source *frontend.Source) (inventory.File, bool, error) {
	s := *source
	s.Project = exportsUIProject
	return e.Extractor.Extract(&s)
}

// BenchmarkJavaScriptExtract extracts every sample once per iteration and
// reports ns/file and cpu-ns/file.
func BenchmarkJavaScriptExtract(b *testing.B) {
	frontendtest.Bench(b, Extractor{}, "javascript")
}

// TestWordsAt: a syntax hint counts where a word starts, not after a dot or
// inside a longer name; comments and strings count too (raw bytes).
func TestWordsAt(t *testing.T) {
	bit := func(needle string) uint32 {
		for i, n := range wordNeedles {
			if n == needle {
				return 1 << i
			}
		}
		t.Fatalf("no needle %q", needle)
		return 0
	}
	for src, want := range map[string]uint32{
		"jest.fn()":                       bit("jest."),
		"x.jest.fn(); objest.fn()":        0,
		"/* vi.mock */":                   bit("vi."),
		"cy.get('a'); Cypress.env()":      bit("cy.") | bit("Cypress."),
		"this.timeout(5)":                 bit("this.timeout("),
		"a.this.timeout(5)":               0,
		"test.describe('s'); test.step(":  bit("test.describe") | bit("test.step("),
		"spyOn(obj, 'm'); Bun.file('x')":  bit("spyOn(") | bit("Bun."),
		"jasmine.createSpy(); 1jest.fn()": bit("jasmine."),
		"":                                0,
	} {
		if got := wordsAt([]byte(src)); got != want {
			t.Errorf("wordsAt(%q) = %b, want %b", src, got, want)
		}
	}
}
