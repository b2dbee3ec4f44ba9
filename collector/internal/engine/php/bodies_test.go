package php

import (
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
)

// stmt is a statement long enough to make a body worth leaving out.
const stmt = "        $this->assertSame(count($expected), count($actual), 'sizes }'); // }\n"

// bodyTraps are sources whose bodies hold what a careless lexer would take
// for the end of a body, or what the rules read.
var bodyTraps = []frontendtest.BodyTrap{
	{Name: "plain", Src: "<?php\nuse PHPUnit\\Framework\\TestCase;\nfinal class ATest extends TestCase\n{\n    protected function setUp(): void\n    {\n" + stmt + "    }\n    public function testA(): void\n    {\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "braces in strings, heredocs and comments", Src: "<?php\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    public function testA()\n    {\n        $s = \"}{ {$a['}']} ${b}\"; $t = '}\\'{'; # }\n        $h = <<<EOT\n        } {\n        EOT;\n        $n = <<<'RAW'\n        {\n        RAW;\n        /* } */\n" + stmt + "    }\n    public function testB() {}\n}\n", Fast: true},
	{Name: "markTestSkipped first and providers stay", Src: "<?php\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    public function testSkipped()\n    {\n        $this->markTestSkipped('later');\n" + stmt + "    }\n    /** @dataProvider cases */\n    public function testCases($a)\n    {\n" + stmt + "    }\n    public static function cases(): array\n    {\n        return ['one' => [1], 'two' => [2]];\n" + stmt + "    }\n    #[\\PHPUnit\\Framework\\Attributes\\DataProvider('more')]\n    public function testMore($a)\n    {\n" + stmt + "    }\n    public static function more(): iterable\n    {\n        yield 'x' => [1];\n" + stmt + "    }\n}\n", Fast: true},
	{Name: "abstract methods, interfaces, traits, enums and anonymous classes", Src: "<?php\nabstract class Base extends \\PHPUnit\\Framework\\TestCase\n{\n    abstract protected function make(): object;\n    public function testBase()\n    {\n        $o = new class {\n            public function x() { return 1; }\n        };\n" + stmt + "    }\n}\ninterface I { public function i(): void; }\ntrait T\n{\n    public function testFromTrait()\n    {\n" + stmt + "    }\n}\nenum E: string { case A = 'a'; }\nclass ATest extends Base\n{\n    protected function make(): object { return new \\stdClass(); }\n}\n", Fast: true},
	{Name: "pest calls stay", Src: "<?php\ntest('top', function () {\n" + stmt + "});\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    public function testA()\n    {\n        test('nested', fn () => 1);\n" + stmt + "    }\n}\n", Fast: false},
	{Name: "the values of a provider's arrays are left out", Src: "<?php\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    /** @dataProvider cases */\n    public function testA($a) {}\n    /** @dataProvider more */\n    public function testB($a) {}\n    public static function cases(): array\n    {\n        $t = ['type' => 1];\n        return [\n            'first case' => [\n                'a' => [1, 2, 3], 'b' => '] } [ ) (', // ]\n            ],\n            7 => [['nested', 'lists'], \"of {$t['type']} values\", 'enough'],\n            [\n                'keyless' => 'value, long enough to be left out',\n            ],\n        ];\n    }\n    public static function more(): iterable\n    {\n        $x = $t[0];\n        yield 'x' => [\n            'long enough to be left out of the parse', [1],\n        ];\n        yield [\n            'a keyless yield, long enough to be left out', [2],\n        ];\n    }\n}\n", Fast: true},
	{Name: "an array in an arrow function's body is no element's value", Src: "<?php\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    /** @dataProvider cases */\n    public function testA($a) {}\n    public static function cases(): array\n    {\n        return [fn ($x) => [\n            'an arrow function returns this array: parsed whole',\n        ]];\n    }\n}\n", Fast: false},
	{Name: "no array is left out of a Pest file", Src: "<?php\nit('adds', function ($a) {})->with([\n    'first' => [1, 'long enough to be left out of the parse'],\n]);\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    /** @dataProvider cases */\n    public function testA($a) {}\n    public static function cases(): array\n    {\n        return ['one' => [1, 'long enough to be left out of the parse']];\n    }\n}\n", Fast: false},
	{Name: "inline HTML is parsed whole", Src: "<?php\nclass ATest extends \\PHPUnit\\Framework\\TestCase\n{\n    public function testA()\n    {\n" + stmt + "    }\n}\n?>\n<p>}</p>\n", Fast: false},
}

// TestBodiesLeftOutChangeNothing: on the traps, the fixtures and, with
// PHP_BODIES_DIFF_DIRS=dir:dir, every .php file under those folders (a by-hand
// check on real code), the inventory is the same with method bodies left out of
// the parse as with the whole parse. The fixtures' bodies are mostly short:
// the traps are what must take the fast path.
func TestBodiesLeftOutChangeNothing(t *testing.T) {
	t.Parallel()
	frontendtest.CheckFastPath(t, bodyTraps, "Test.php", "PHP_BODIES_DIFF_DIRS", []string{"../testdata/php", "../testdata/projects"}, ".php", extract)
}

// FuzzBodiesLeftOutChangeNothing: on any source tree-sitter parses without
// an error, the inventory with method bodies left out is the inventory of the
// whole parse.
func FuzzBodiesLeftOutChangeNothing(f *testing.F) {
	frontendtest.FuzzFastPath(f, grammar, bodyTraps, nil, "FuzzTest.php", extract)
}
