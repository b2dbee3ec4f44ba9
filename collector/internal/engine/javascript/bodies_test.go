package javascript

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
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
	// pad is a function of the file (a possible wrapper), so no block that
	// names it is inert and the case block is proposed as an object literal
	// only.
	{"a case block is no object", "a.test.js",
		"function f(x) {\n  switch (x) {\n    case 1: { const a = 'a block of more than sixty-four bytes here' + pad.name; return a }\n  }\n}\nfunction pad() {}\nit('a', () => { f(1) })\n", false},
	{"hooks and module mocks", "a.test.ts",
		"vi.mock('./api', async (importOriginal) => {\n  const actual = await importOriginal()\n  return { ...actual, get: vi.fn() }\n})\n" +
			"beforeEach(() => { it('not a test', () => {}) })\ntest.beforeAll(async ({ browser }) => { await browser.newPage() })\nit('a', () => {})\n", true},
	{"a hook the file defines itself", "a.test.js",
		"function beforeEach(name, fn) { describe(name, fn) }\nbeforeEach('s', () => {\n  it('inner', () => {})\n})\n", false},
	{"method title", "a.test.js", "it(() => { x() })\ndescribe('s', () => { it('a', function () { y() }) })\n", true},
	{"a wrapper called from a helper", "a.test.js",
		"function itIf(c, name, fn) { if (c) it(name, fn) }\nfunction helpers() {\n  itIf(true, 'from a helper', () => {})\n  const unrelated = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12 }\n}\nhelpers()\n", true},
	{"an alias used in a helper", "a.test.js",
		"const t = it.concurrent\nfunction setup() {\n  const s = t.skip\n  s('skipped in setup', () => {})\n  doSomethingElse({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11, l: 12 })\n}\n", true},
	{"an each table declared in a helper", "a.test.js",
		"function build() {\n  const rows = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14]]\n  return rows\n}\nit.each(rows)('row %i', (a) => {})\n", true},
	{"an annotated alias used in a helper", "a.spec.ts",
		"import { test as base } from '@playwright/test'\nconst t: typeof base = base.extend({})\nfunction helper() {\n  t('declared in a helper', async () => {})\n  const pad = { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9, j: 10, k: 11 }\n}\n", true},
	{"a module factory's object", "a.test.tsx",
		"vi.mock('./api', () => ({\n  get: vi.fn(),\n  View: () => <div>it('is text here')</div>,\n  run: () => it('inside a mock factory', () => {}),\n}))\nit('a', () => {})\n", true},
	{"a leaf whose it is the file's own function", "a.test.js",
		"function it(name, fn) { describe(name, fn) }\nit('a suite', () => {\n  test('inner', () => {})\n})\n", false},
	{"a leaf through an alias of it", "a.test.js",
		"const it = test.skip\nit('skipped through an alias', () => { x() })\ndescribe('s', () => { it('also', () => { y() }) })\n", true},
	{"a mock alias in a helper", "a.test.js",
		"const m = vi\nfunction f() {\n  m.mock('./x', () => { it('not a test: inside a mock factory', () => {}) })\n  const pad = 'padding to make the block long enough'\n}\nit('a', () => {})\n", true},
}

// inertCases pin which blocks the scan proposes (inert blocks, and bodies
// next to them): each blanked text must lie inside a proposed range, each
// kept text outside all.
var inertCases = []struct {
	name, path, src string
	blanked, kept   []string
}{
	{"helpers, classes, objects, types", "a.test.ts",
		"type Row = { name: string; input: number; want: number; note?: string; tags: string[] }\n" +
			"class Page {\n  open() { return 'a long enough method body for a class here' }\n}\n" +
			"const stubs = {\n  fetch: vi.fn(), log: vi.fn(), warn: vi.fn(), error: vi.fn(), info: vi.fn(),\n}\n" +
			"const [first, second]: [string, number] = ['a long enough first element of a pair, long enough to be blanked', 1]\n" +
			"function helper(x: number) {\n  const re = /[}]/g; const half = x / 2 / 3\n  return re.test(String(half)) ? 'yes' : 'no'\n}\n" +
			"it('a', () => { helper(1) })\n",
		[]string{"name: string", "a long enough method", "fetch: vi.fn()", "a long enough first", "const re"},
		nil},
	{"names the front end follows keep a block", "a.test.js",
		"function itIf(c, name, fn) { if (c) it(name, fn) }\nconst t = it\nconst m = vi\n" +
			"function a() {\n  itIf(true, 'from a helper with a long enough body', () => {})\n}\n" +
			"function b() {\n  const s = t.skip\n  s('skipped in b, a helper with a long enough body')\n}\n" +
			"function c() {\n  m.mock('./x', () => ({ default: 'a long enough module factory' }))\n}\n" +
			"function d() {\n  const rows = [[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14]]\n}\n" +
			"function e() {\n  describe('a suite in a helper with a long enough body', () => {})\n}\n" +
			"it.each(rows)('row %i', (x) => {})\n",
		nil,
		[]string{"from a helper", "const s = t.skip", "m.mock", "const rows", "describe('a suite"}},
	{"a module factory's object is a body, JSX and all", "a.test.tsx",
		"vi.mock('./api', () => ({\n  get: vi.fn(),\n  View: () => <div>a view</div>,\n}))\nit('a', () => {})\n",
		[]string{"get: vi.fn()", "<div>a view</div>"},
		nil},
	{"leaf test calls are left out whole", "a.test.ts",
		"describe('s', () => {\n  it('a leaf', () => { x() })\n  test.skip(\"another\", async function named() { y() });\n  it(`templated title`, (done: Done) => { done() })\n  it('last', ({ page }) => { z() })})\n",
		[]string{"it('a leaf', () => { x() })", "test.skip(\"another\", async function named() { y() })", "it(`templated title`, (done: Done) => { done() })", "it('last', ({ page }) => { z() })"},
		nil},
	{"calls that are no leaf", "a.test.ts",
		"it('with a timeout', () => { x() }, 5000)\nit('an expression body', () => x())\nfoo = it('in an expression', () => { x() })\n" +
			"it('a regex', () => { /x/.test(y) })\nit('a division', () => { a / b })\nit('a' + 'b', () => { x() })\nit(name, () => { x() })\n" +
			"it('chained', () => { x() }).timeout(5)\nif (c) it('under an if', () => { x() })\nit(`a ${sub}`, () => { x() })\n",
		nil,
		[]string{"it('with a timeout'", "it('an expression body'", "it('in an expression'", "it('a regex'", "it('a division'",
			"it('a' + 'b'", "it(name", "it('chained'", "it('under an if'", "it(`a ${sub}`"}},
	{"jsx keeps a block", "a.test.jsx",
		"const Wrap = ({ children }) => {\n  return <div className=\"a long enough wrapper\">{children}</div>\n}\nit('renders', () => {})\n",
		nil,
		[]string{"return <div"}},
}

func TestInertBlocks(t *testing.T) {
	for _, c := range inertCases {
		src := []byte(c.src)
		ranges, _ := findBlankRanges(src, grammarFor(c.path) != tsGrammar)
		inside := func(text string) bool {
			k := strings.Index(c.src, text)
			if k < 0 {
				t.Fatalf("%s: %q is not in the source", c.name, text)
			}
			for _, r := range ranges {
				if r.start <= k && k+len(text) <= r.end {
					return true
				}
			}
			return false
		}
		for _, text := range c.blanked {
			if !inside(text) {
				t.Errorf("%s: %q is not blanked", c.name, text)
			}
		}
		for _, text := range c.kept {
			if inside(text) {
				t.Errorf("%s: %q is blanked", c.name, text)
			}
		}
		extractBoth(t, c.path, src)
	}
}

func extractBoth(t *testing.T, path string, src []byte) (hasTests, blanked bool) {
	t.Helper()
	return frontendtest.SameAsWhole(t, path, src, Extractor{}.extract)
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
	// JS_BLANK_DIFF_DIRS=dir:dir compares every JS/TS file under them too
	// (node_modules included): a by-hand check on real code.
	withTests, blanked := frontendtest.FastPathDirs(t, "JS_BLANK_DIFF_DIRS", []string{"../testdata/javascript"}, func(p string) bool {
		name := strings.TrimSuffix(p, ".txt")
		return extensions[filepath.Ext(name)] && !strings.HasSuffix(name, ".d.ts")
	}, func(p string, src []byte) (bool, bool) {
		return extractBoth(t, filepath.Base(strings.TrimSuffix(p, ".txt")), src)
	})
	if withTests < 20 || blanked*10 < withTests*9 {
		t.Errorf("only %d of the %d fixtures with tests took the fast path", blanked, withTests)
	}
}

func TestKeywordsFitMaxKeyword(t *testing.T) {
	for k := range keywords {
		if len(k) < 2 || len(k) > maxKeyword {
			t.Errorf("keyword %q is outside the lengths the scan looks up (2 to %d)", k, maxKeyword)
		}
	}
}

// FuzzBlankedBodiesChangeNothing: on any source tree-sitter parses without
// an error, under each grammar, the inventory with blanked ranges is the
// inventory of the whole parse.
func FuzzBlankedBodiesChangeNothing(f *testing.F) {
	for _, c := range blankTraps {
		f.Add(c.src)
	}
	for _, c := range inertCases {
		f.Add(c.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		eachCleanParse(src, func(name string) { extractBoth(t, name, []byte(src)) })
	})
}

// eachCleanParse calls check with a test file's name for each grammar
// (JavaScript, TypeScript, TSX) that parses src without a syntax error.
func eachCleanParse(src string, check func(name string)) {
	for _, name := range []string{"a.test.js", "a.test.ts", "a.test.tsx"} {
		tree, err := grammarFor(name).g.Parse([]byte(src))
		if err != nil {
			continue
		}
		clean := !tree.RootNode().HasError()
		tree.Close()
		if clean {
			check(name)
		}
	}
}
