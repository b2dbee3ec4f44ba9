package php

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
)

// stmt is a statement long enough to make a body worth leaving out.
const stmt = "        $this->assertSame(count($expected), count($actual), 'sizes }'); // }\n"

// bodyTraps are sources whose bodies hold what a careless lexer would take
// for the end of a body, or what the rules read.
var bodyTraps = []struct {
	name, src string
	gapped    bool
}{
	{"plain", "<?php\nuse PHPUnit\\Framework\\TestCase;\nfinal class ATest extends TestCase\n{\n    protected function setUp(): void\n    {\n" + stmt + "    }\n    public function testA(): void\n    {\n" + stmt + "    }\n}\n", true},
	{"braces in strings, heredocs and comments", "<?php\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    public function testA()\n    {\n        $s = \"}{ {$a['}']} ${b}\"; $t = '}\\'{'; # }\n        $h = <<<EOT\n        } {\n        EOT;\n        $n = <<<'RAW'\n        {\n        RAW;\n        /* } */\n" + stmt + "    }\n    public function testB() {}\n}\n", true},
	{"markTestSkipped first and providers stay", "<?php\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    public function testSkipped()\n    {\n        $this->markTestSkipped('later');\n" + stmt + "    }\n    /** @dataProvider cases */\n    public function testCases($a)\n    {\n" + stmt + "    }\n    public static function cases(): array\n    {\n        return ['one' => [1], 'two' => [2]];\n" + stmt + "    }\n    #[\\PHPUnit\\Framework\\Attributes\\DataProvider('more')]\n    public function testMore($a)\n    {\n" + stmt + "    }\n    public static function more(): iterable\n    {\n        yield 'x' => [1];\n" + stmt + "    }\n}\n", true},
	{"abstract methods, interfaces, traits, enums and anonymous classes", "<?php\nabstract class Base extends \\PHPUnit\\Framework\\TestCase\n{\n    abstract protected function make(): object;\n    public function testBase()\n    {\n        $o = new class {\n            public function x() { return 1; }\n        };\n" + stmt + "    }\n}\ninterface I { public function i(): void; }\ntrait T\n{\n    public function testFromTrait()\n    {\n" + stmt + "    }\n}\nenum E: string { case A = 'a'; }\nclass ATest extends Base\n{\n    protected function make(): object { return new \\stdClass(); }\n}\n", true},
	{"pest calls stay", "<?php\ntest('top', function () {\n" + stmt + "});\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    public function testA()\n    {\n        test('nested', fn () => 1);\n" + stmt + "    }\n}\n", false},
	{"inline HTML is parsed whole", "<?php\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    public function testA()\n    {\n" + stmt + "    }\n}\n?>\n<p>}</p>\n", false},
}

func extractBoth(t *testing.T, path string, src []byte) (hasTests, gapped bool) {
	t.Helper()
	return frontendtest.SameAsWhole(t, path, src, extract)
}

// TestBodiesLeftOutChangeNothing: on traps, the fixtures and, with
// PHP_BODIES_DIFF_DIRS=dir:dir, every .php file under those folders (a
// by-hand check on real code), the inventory is the same with method bodies
// left out of the parse as with the whole parse.
func TestBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	for _, tc := range bodyTraps {
		if _, got := extractBoth(t, tc.name+"Test.php", []byte(tc.src)); got != tc.gapped {
			t.Errorf("%s: gapped = %v, want %v", tc.name, got, tc.gapped)
		}
	}
	// The fixtures' bodies are mostly short: the traps are what must take
	// the fast path.
	frontendtest.FastPathDirs(t, "PHP_BODIES_DIFF_DIRS", []string{"../testdata/php", "../testdata/projects"},
		func(p string) bool { return strings.HasSuffix(p, ".php") },
		func(p string, src []byte) (bool, bool) { return extractBoth(t, filepath.Base(p), src) })
}

// FuzzBodiesLeftOutChangeNothing: on any source tree-sitter parses without
// an error, the inventory with method bodies left out is the inventory of
// the whole parse.
func FuzzBodiesLeftOutChangeNothing(f *testing.F) {
	seeds := make([]string, len(bodyTraps))
	for i, c := range bodyTraps {
		seeds[i] = c.src
	}
	frontendtest.FuzzClean(f, grammar, seeds, nil, func(t *testing.T, src []byte) { extractBoth(t, "FuzzTest.php", src) })
}
