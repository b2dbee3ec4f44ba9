package javascript

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
)

func TestMayDeclareTests(t *testing.T) {
	preFilter.Expect(t, map[string]bool{
		"it('adds', () => {})":  true,
		"it ('adds')":           true,
		"it\n  ('adds')":        true,
		"it /* why */ ('adds')": true,
		"it\f('adds')":          true,
		"it\u00a0('adds')":      true,
		"it.skip('adds')":       true,
		"it?.('adds')":          true,
		"it?.skip?.('adds')":    true,
		"xit('adds')":           true,
		"fdescribe('math')":     true,
		"test.describe.parallel.only('math', () => {})":       true,
		"describe.each`a | b`('math')":                        true,
		"test.each<Row>(rows)('adds %s')":                     true,
		"test.it('adds')":                                     true,
		"const itSlow = it.skip":                              true,
		"var run = old ? it.skip : it":                        true,
		"(a ? xit : it)('x', () => {})":                       true,
		"export const test = test.extend<Fixtures>({})":       true,
		"import { it as spec } from './helpers'":              true,
		"const { describe, it: spec } = require('./helpers')": true,
		"const t = require('node:test'); t('adds')":           true,
		"import * as v from 'vitest'; v.it('adds')":           true,
		"function each(name) {\n  it(name, () => {})\n}":      true,
		"for (const row of rows) it(row.name, () => {})":      true,
		"test('closes f(a) {', () => {})":                     true,
		"it(`spans\nlines ) {`, () => {})":                    true,
		"test(/* ) { */ 'x', fn)":                             true,
		// generated code and helpers name test, context, suite otherwise
		"const temp = unionToAny(this.testType(), this.test.bind(this));":                      false,
		"public test: MonsterT | null = null":                                                  false,
		"const test = builder.createObjectOffset(this.test);\nMonster.addTest(builder, test);": false,
		"test<T extends flatbuffers.Table>(obj: any): any | null {":                            false,
		"const data = context.getData(); suite.name;":                                          false,
		"runner.describe('x'); obj.it('y')":                                                    false,
		"itemize(testing, contextual, suites)":                                                 false,
		"this.test = test;\nthis.test4 = test4;":                                               false,
		"class Monster {\n  test(obj) {\n    return obj;\n  }\n}":                              false,
		"function test(a, b) {}":                                                               false,
		"switch (x) { case test: return cond ? it : other }":                                   false,
	})
}

// preFilter is mayDeclareTests and the tests of the parse without it.
var preFilter = frontendtest.PreFilter{Pass: mayDeclareTests, Tests: func(path string, src []byte) int {
	f, _, _ := Extractor{}.extractParsed(&frontend.Source{Path: path, Content: src, Project: project.New()}, true)
	return len(f.Tests)
}}

// TestPreFilterDropsNoTest: on the fixtures and, with
// JS_PREFILTER_DIFF_DIRS=dir:dir, every JS/TS file under those folders
// (node_modules included: a by-hand check on real code), a file the
// pre-filter turns away has no test in its parse.
func TestPreFilterDropsNoTest(t *testing.T) {
	t.Parallel()
	frontendtest.CheckPreFilter(t, "JS_PREFILTER_DIFF_DIRS", []string{"../testdata/javascript", "../testdata/projects"}, func(p string) bool {
		name := strings.TrimSuffix(p, ".txt")
		return extensions[filepath.Ext(name)] && !strings.HasSuffix(name, ".d.ts")
	}, func(p string) string { return filepath.Base(strings.TrimSuffix(p, ".txt")) }, preFilter)
}

// FuzzPreFilterDropsNoTest: on any source tree-sitter parses without an
// error, under each grammar, a file the pre-filter turns away has no test
// in its parse. (Error recovery can make a call of what is none: it"("")
// is read as it(""). Such a file may also be one the parse would report
// without tests, nested too deeply to read: it cannot declare one.)
func FuzzPreFilterDropsNoTest(f *testing.F) {
	for _, s := range []string{
		"const itSlow = it.skip\nitSlow('x', () => {})",
		"import { it as spec } from 'x'\nspec('y', () => {})",
		"class A { test(obj) { return obj } }\ntest('z', () => {})",
		"this.test = test\ndescribe.each`a`('t', () => { it('u', () => {}) })",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) <= 4096 {
			eachCleanParse(src, func(name string) { preFilter.Check(t, name, []byte(src)) })
		}
	})
}

func TestMinified(t *testing.T) {
	statement := "function f(e){var t=it(e);return it.each(e.items||[],function(n,r){t[n]=r.v}),t.show()};"
	bundle := "/*! bundle */\n" + strings.Repeat(statement, 80) + "\n" + strings.Repeat(statement, 80) + "\n"
	testLine := "it('decodes', () => { assert.ok(decode(png)); });\n"
	for name, c := range map[string]struct {
		src  string
		want bool
	}{
		"a bundle on two long lines":          {bundle, true},
		"a small bundle":                      {strings.Repeat(statement, 20), false},
		"the bundle one statement a line":     {strings.ReplaceAll(bundle, "};", "};\n"), false},
		"a test file with a long base64 line": {"const png = '" + strings.Repeat("iVBORw0KGgo", 4000) + "';\n" + strings.Repeat(testLine, 40), false},
		"a test file with inline JSON":        {"const data = {" + strings.Repeat(`"k":[1,2,{"a":"b"}],`, 2000) + "};\n" + strings.Repeat(testLine, 120), false},
	} {
		if got := minified([]byte(c.src)); got != c.want {
			t.Errorf("%s: minified = %v, want %v", name, got, c.want)
		}
	}
}
