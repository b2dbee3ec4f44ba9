package javascript

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/project"
)

// blankTraps are sources where a careless body scan would blank the wrong
// text; each must give the inventory the whole parse gives. blanked says
// whether the fast path should hold (true) or fall back (false).
var blankTraps = []struct {
	name, path, src string
	blanked         bool
}{
	{"plain", "a.test.js", "describe('s', () => {\n  it('a', () => { expect(1).toBe(1) })\n  test('b', async function () { await x() })\n})\n", true},
	{"braces in strings, templates and regexes", "a.test.js",
		"it('a', () => {\n  const s = '}' + \"{\" + `}${ {a: '}'}.a }{`\n  const r = /[}]\\/{/g\n  if (x) { y() }\n})\nit('b', () => {})\n", true},
	{"division is no regex", "a.test.js", "it('a', () => {\n  const x = (a) / 2 / b; const y = c[1] / d\n})\nit('b', () => {})\n", true},
	{"regex after keywords", "a.test.js", "it('a', () => {\n  return /}/.test(s)\n})\n", true},
	{"each table and tagged template", "a.test.ts",
		"it.each([[1, 2], [3, 4]])('%i + %i', (a, b) => {\n  expect(a).toBe(b)\n})\ntest.each`\n  a | b\n  ${1} | ${'}'}\n`('$a', ({ a }) => { go(a) })\n", true},
	{"conditions and modifiers", "a.test.ts", "test.skipIf(process.env.CI)('a', () => { x() })\nit.only.skip('b', () => { y() })\ntest.concurrent.each([1])('c %i', async (n) => { z(n) })\n", true},
	{"options object after the body", "a.spec.ts", "import { test } from '@playwright/test'\ntest('a', async ({ page }) => {\n  await page.goto('/')\n}, { timeout: 5 })\n", true},
	{"playwright describe is a suite", "a.spec.ts", "import { test } from '@playwright/test'\ntest.describe('s', () => {\n  test('a', async ({ page }) => { await page.click('x') })\n})\n", true},
	{"tests in a test body stay unreported", "a.test.mjs", "import test from 'node:test'\ntest('outer', async (t) => {\n  await t.test('inner', () => {})\n  test('also inner', () => {})\n})\n", true},
	{"a file's own it is a wrapper around describe", "a.test.js",
		"function it(name, fn) { describe(name, fn) }\nit('s', () => {\n  test('inner', () => {})\n})\n", false},
	{"an alias named it", "a.test.js", "const it = describe\nit('s', () => {\n  test('inner', () => {})\n})\n", false},
	{"jsx with apostrophes", "a.test.jsx", "it('renders', () => {\n  render(<p>Don't {x} it's</p>)\n})\nit('b', () => {})\n", true},
	{"jsx text with a url and quotes", "a.test.jsx", "it('links', () => {\n  render(<p>See http://example.com/ and 'quoted' text</p>)\n})\nit('b', () => {})\n", true},
	{"jsx with braces in text", "a.test.jsx", "it('renders', () => {\n  render(<p>a } b</p>)\n})\n", true},
	// Blanked away, an error inside a test's body no longer disturbs the
	// parse of what the front end reads.
	{"syntax error inside a body", "a.test.js", "it('a', () => {\n  const = ;\n})\nit('b', () => {})\n", true},
	{"syntax error outside the bodies", "a.test.js", "it('a', () => {\n  x()\n})\nconst = ;\nit('b', () => {})\n", false},
	{"function declared as test", "a.test.js", "function test(name, fn = () => { x() }) { it(name, fn) }\ntest('a')\n", false},
	{"comments and crlf", "a.test.js", "/* it('x', () => { */\r\nit('a', () => { // }\r\n  y() /* } */\r\n})\r\n", true},
	{"unterminated string", "a.test.js", "it('a', () => {\n  const s = 'open\n})\n", false},
	{"tables read from literals", "a.test.ts",
		"const rows = [\n  { name: 'one', input: [1, 2, 3], want: { sum: 6, text: 'a, b' } },\n  { name: 'two', input: [4, 5, 6], want: { sum: 15, text: '} ]' } },\n] as const\n" +
			"it.each(rows)('$name', ({ input, want }) => { check(input, want) })\n" +
			"test.each([\n  [1, 1, 2, 'one plus one is two, a long enough row'],\n  [2, 2, 4, 'two plus two is four, another row'],\n])('%i + %i', (a, b, c) => {})\n", true},
	{"literals with functions stay", "a.test.js",
		"const cases = [\n  { name: 'a', run: () => it('inside a literal', () => {}) },\n  { name: 'b', run() { return 1 } },\n]\ncases.forEach((c) => it(c.name, () => { c.run() }))\n", true},
	{"types, imports and options", "a.spec.ts",
		"import {\n  test,\n  expect,\n  type Page,\n  type Locator,\n  type BrowserContext,\n} from '@playwright/test'\n" +
			"type Fixture = { page: Page; locator: Locator; context: BrowserContext; tuple: [string, number, boolean] }\n" +
			"test('a', { tag: ['@fast', '@slow', '@flaky', '@regression', '@smoke', '@nightly'] }, async ({ page }) => {})\n", true},
	{"a case block is no object", "a.test.js",
		"function f(x) {\n  switch (x) {\n    case 1: { const a = 'a block of more than sixty-four bytes here'; return a }\n  }\n}\nit('a', () => { f(1) })\n", false},
	{"hooks and module mocks", "a.test.ts",
		"vi.mock('./api', async (importOriginal) => {\n  const actual = await importOriginal()\n  return { ...actual, get: vi.fn() }\n})\n" +
			"beforeEach(() => { it('not a test', () => {}) })\ntest.beforeAll(async ({ browser }) => { await browser.newPage() })\nit('a', () => {})\n", true},
	{"a hook the file defines itself", "a.test.js",
		"function beforeEach(name, fn) { describe(name, fn) }\nbeforeEach('s', () => {\n  it('inner', () => {})\n})\n", false},
	{"method title", "a.test.js", "it(() => { x() })\ndescribe('s', () => { it('a', function () { y() }) })\n", true},
}

func extractBoth(t *testing.T, path string, src []byte) (hasTests, blanked bool) {
	t.Helper()
	ex := Extractor{}
	fast, okFast, blanked := ex.extract(&frontend.Source{Path: path, Content: src, Project: project.New()}, true)
	whole, okWhole, _ := ex.extract(&frontend.Source{Path: path, Content: src, Project: project.New()}, false)
	if okFast != okWhole || !reflect.DeepEqual(fast, whole) {
		t.Errorf("%s: blanked bodies change the inventory (blanked %v):\nblanked: %v %+v\nwhole:   %v %+v", path, blanked, okFast, fast, okWhole, whole)
	}
	return okWhole, blanked
}

// TestBlankedBodiesChangeNothing: on traps and on the fixture corpus the
// inventory is the same with test bodies blanked as with the whole parse,
// and the fast path is taken where it should be.
func TestBlankedBodiesChangeNothing(t *testing.T) {
	t.Parallel()
	for _, tc := range blankTraps {
		if _, got := extractBoth(t, tc.path, []byte(tc.src)); got != tc.blanked {
			t.Errorf("%s: blanked = %v, want %v", tc.name, got, tc.blanked)
		}
	}
	dirs := []string{"../testdata/javascript"}
	// JS_BLANK_DIFF_DIRS=dir:dir compares every JS/TS file under them too
	// (node_modules included): a by-hand check on real code.
	if extra := os.Getenv("JS_BLANK_DIFF_DIRS"); extra != "" {
		dirs = append(dirs, filepath.SplitList(extra)...)
	}
	for i, dir := range dirs {
		files, withTests, blanked := 0, 0, 0
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			name := strings.TrimSuffix(p, ".txt")
			if !extensions[filepath.Ext(name)] || strings.HasSuffix(name, ".d.ts") {
				return nil
			}
			src, err := os.ReadFile(p)
			if err != nil || len(src) > 1<<20 {
				return err
			}
			files++
			hasTests, fast := extractBoth(t, filepath.Base(name), src)
			if hasTests {
				withTests++
				if fast {
					blanked++
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d files, %d with tests, %d of them parsed with their test bodies blanked", dir, files, withTests, blanked)
		if i == 0 && (withTests < 20 || blanked*10 < withTests*9) {
			t.Errorf("only %d of the %d fixtures with tests took the fast path", blanked, withTests)
		}
	}
}
