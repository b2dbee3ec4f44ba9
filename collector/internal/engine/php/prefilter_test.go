package php

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
)

func TestMayDeclareTests(t *testing.T) {
	t.Parallel()
	preFilter.Expect(t, map[string]bool{
		"<?php\nclass CalcTest extends TestCase\n{\n    public function testAdd() {}\n}\n": true,
		"<?php\nfinal class CalcTest extends \\PHPUnit\\Framework\\TestCase {}":            true,
		"<?php\nclass Calc extends BaseTest { #[Test] public function adds() {} }":         true,
		// Keywords in any case; the tests inherited from another file.
		"<?php\nABSTRACT CLASS ValidatorTest EXTENDS Base {}":         true,
		"<?php\nclass OopValidatorTest extends ValidatorTest\n{\n}\n": true,
		// A comment or ?> in the header might hide its end or its names.
		"<?php\nclass Calc /* { */ extends CalcTest {}":    true,
		"<?php\nclass Calc // {\n  extends BaseTest {}":    true,
		"<?php\nclass Calc ?> { <?php extends BaseTest {}": true,
		"<?php\nclass Calc # why\r  extends BaseTest {}":   true,
		"<?php\nclass Calc extends BaseTest #[Attr] {}":    true,
		// A class word in a string or comment, then a comment opener: the
		// class after it is still read.
		"<?php\n$s = 'class /*';\nclass CalcTest extends TestCase {}\n// */": true,
		"<?php\n/* a class */ class CalcTest extends TestCase {}":            true,
		// The words in comments and strings may pass.
		"<?php\n// class CalcTest extends TestCase {\n": true,
		"<?php\n$s = \"it('adds')\";":                   true,
		"<?php\n$s = 'a test(of strings)';":             true,
		// Pest calls, with what the grammar allows between name and (.
		"<?php\nit('adds', function () { expect(1)->toBe(1); });":     true,
		"<?php\ntest('adds')->skip();":                                true,
		"<?php\ntodo('later');":                                       true,
		"<?php\nit ('adds');":                                         true,
		"<?php\nit\n  ('adds');":                                      true,
		"<?php\nit /* why */ ('adds');":                               true,
		"<?php\nit # why\n('adds');":                                  true,
		"<?php\nit\u00a0('adds');":                                    true,
		"<?php\ndescribe('math', function () {\n    it('adds');\n});": true,
		"<?php\nnamespace Tests {\n    test('adds', fn () => 1);\n}":  true,
		"<?php\n\\it('adds');":                                        true,
		// The open tag is a token of its own.
		"<?phptest(0);": true,
		"<?PHPclass CalcTest extends TestCase {}": true,
		// Generated code and helpers: test and Test inside other names, as
		// methods, members, variables, class constants.
		"<?php\nclass Monster extends Table\n{\n    public function testarrayofstring($j)\n    {\n        return $this->__vector($j);\n    }\n    public function getTest($obj)\n    {\n        $obj = new Test();\n        return self::addTest($obj);\n    }\n}\n": false,
		"<?php\n// Begin Test\nfunction test_buffer(Assert $assert) {}\nfunction testByteBuffer(Assert $assert) {\n    // Test: ByteBuffer_Length\n}\nclass Assert { public function ok() {} }\n":                                                                    false,
		"<?php\n$this->test('x');\nself::test('y');\n$o?->it('z');\n$test('w');\n$ test('v');\n":                                                                                                                                                                     false,
		"<?php\nfunction test($a) {}\nFUNCTION it($a) {}\nfunction\ntodo() {}\n":                                                                                                                                                                                     false,
		"<?php\n$a = [FooTest::class, $o->class, $class];\n{ extends(); }":                                                                                                                                                                                           false,
		"<?php\n/**\n * This class is not covered by the promise.\n */\ninterface IncompleteTest extends Throwable\n{\n}\n":                                                                                                                                          false,
		"<?php\n/** Generated class. Do not edit. */\nfinal class MonsterTest2 extends Table {}\n":                                                                                                                                                                   false,
		"<?php\nclass CalcTest implements Countable { public function testAdd() {} }":                                                                                                                                                                                false,
		"<?php\nclass CalcTest { public function testAdd() {} }":                                                                                                                                                                                                     false,
		"<?php\nclass Calc extends Base { public function testAdd() { return new Test(); } }":                                                                                                                                                                        false,
		"<?php\nclass CalcTEST extends BaseTESTCASE { public function testAdd() {} }":                                                                                                                                                                                false,
		"<?php\n$items = it_works($it); $t = $test; Test('x'); tEst('y'); $s = 'testing todo: it works';":                                                                                                                                                            false,
		"<?php\necho 'no tests here';": false,
	})
}

// preFilter is mayDeclareTests and the tests of the parse without it.
var preFilter = frontendtest.PreFilter{Pass: mayDeclareTests, Tests: func(path string, src []byte) int {
	f, _, _ := extractParsed(&frontend.Source{Path: path, Content: src, Project: project.New()}, true)
	return len(f.Tests)
}}

// TestPreFilterDropsNoTest: on the fixtures and, with
// PHP_PREFILTER_DIFF_DIRS=dir:dir, every .php file under those folders (a
// by-hand check on real code), a file the pre-filter turns away has no test
// in its parse.
func TestPreFilterDropsNoTest(t *testing.T) {
	t.Parallel()
	frontendtest.CheckPreFilter(t, "PHP_PREFILTER_DIFF_DIRS", []string{"../testdata/php", "../testdata/projects"},
		func(p string) bool { return strings.HasSuffix(strings.TrimSuffix(p, ".txt"), ".php") },
		func(p string) string { return filepath.Base(strings.TrimSuffix(p, ".txt")) }, preFilter)
}

// FuzzPreFilterDropsNoTest: on any source tree-sitter parses without an
// error, a file the pre-filter turns away has no test in its parse.
func FuzzPreFilterDropsNoTest(f *testing.F) {
	frontendtest.FuzzPreFilter(f, grammar, []string{
		"<?php\nclass OopValidatorTest extends ValidatorTest {}\n",
		"<?php\nclass Calc /* { */ extends CalcTest { public function testA() {} }",
		"<?php\nclass Monster extends Table { public function testarrayofstring($j) {} public function getTest() {} }",
		"<?php\n$this->test('x');\nit # why\n('adds', fn () => 1);\n",
		"<?php\n/**\n * This class tests.\n */\nclass Calc // {\n extends BaseTest { public function testA() {} }",
		"<?php\n$s = 'class /*';\nclass CalcTest extends TestCase { public function testA() {} }\n// */",
		"<?php\ndescribe('math', function () {\n    it('adds')->skip();\n    todo('later');\n});",
	}, bodyTraps, "FuzzTest.php", preFilter)
}
