package php

import (
	"slices"
	"strings"
	"testing"

	"github.com/testlens/testlens/collector/internal/engine/frontend"
	"github.com/testlens/testlens/collector/internal/engine/frontendtest"
	"github.com/testlens/testlens/collector/internal/engine/project"
	"github.com/testlens/testlens/contracts/inventory"
)

// extractIn returns "Class::test" (and "Class::test case") for every test
// of path, extracted with a tree over files (nil: no tree).
func extractIn(t *testing.T, files map[string]string, path string, withTree bool) ([]string, bool) {
	t.Helper()
	src := &frontend.Source{Path: path, Content: []byte(files[path]), Project: project.New()}
	if withTree {
		src.Tree = frontendtest.MapTree(files)
	}
	f, ok, err := Extractor{}.Extract(src)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, ts := range f.Tests {
		name := strings.Join(ts.SuitePath, "::") + "::" + ts.Name
		if ts.Kind == inventory.KindCase {
			name = strings.Join(ts.SuitePath, "::") + " " + ts.Name
		}
		if ts.Status != inventory.TestActive {
			name += " (" + string(ts.Status) + ")"
		}
		out = append(out, name)
	}
	return out, ok
}

const baseCases = `<?php
namespace Vendor\Tests\Integration;

use PHPUnit\Framework\TestCase;

abstract class BaseCases extends TestCase
{
    abstract public function flavour(): string;

    public function testShared(): void {}

    /** @dataProvider rows */
    public function testRows(int $n): void {}

    public function rows(): array { return ['one' => [1], 'two' => [2]]; }

    public function testOverridden(): void {}

    private function testPrivateHelper(): void {}
}
`

// TestInheritedFromAnotherFile: a concrete class lists the public tests of a
// base in another file, found by the file's namespace layout when there is
// no composer.json, with the base's data sets; overridden methods are its
// own; an abstract subclass lists no inherited test.
func TestInheritedFromAnotherFile(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"php/tests/Integration/BaseCases.php": baseCases,
		"php/tests/Integration/Json/JsonTest.php": `<?php
namespace Vendor\Tests\Integration\Json;

use Vendor\Tests\Integration\BaseCases;

class JsonTest extends BaseCases
{
    public function flavour(): string { return 'json'; }

    protected function setUp(): void
    {
        $this->markTestSkipped('no json extension');
    }

    public function testOverridden(): void {}
}
`,
		"php/tests/Integration/MiddleTest.php": `<?php
namespace Vendor\Tests\Integration;

abstract class MiddleTest extends BaseCases
{
    public function testMiddle(): void {}
}
`,
		"php/tests/Integration/LeafTest.php": `<?php
namespace Vendor\Tests\Integration;

final class LeafTest extends MiddleTest
{
    public function flavour(): string { return 'leaf'; }
}
`,
	}
	got, ok := extractIn(t, files, "php/tests/Integration/Json/JsonTest.php", true)
	want := []string{
		"JsonTest::testShared (skipped)", "JsonTest::testRows (skipped)",
		`JsonTest::testRows with data set "one" (skipped)`, `JsonTest::testRows with data set "two" (skipped)`,
		"JsonTest::testOverridden (skipped)",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !ok || !slices.Equal(got, want) {
		t.Errorf("JsonTest: ok=%v\n got %q\nwant %q", ok, got, want)
	}
	got, _ = extractIn(t, files, "php/tests/Integration/MiddleTest.php", true)
	if !slices.Equal(got, []string{"MiddleTest::testMiddle"}) {
		t.Errorf("MiddleTest: %q", got)
	}
	got, _ = extractIn(t, files, "php/tests/Integration/LeafTest.php", true)
	if len(got) != 6 || !slices.Contains(got, "LeafTest::testMiddle") || !slices.Contains(got, "LeafTest::testShared") {
		t.Errorf("LeafTest (through an abstract class of another file): %q", got)
	}
	// Without a tree (a file on its own), nothing of another file is read.
	if got, ok := extractIn(t, files, "php/tests/Integration/LeafTest.php", false); ok || len(got) != 0 {
		t.Errorf("LeafTest without a tree: ok=%v %q", ok, got)
	}
}

// TestInheritedThroughComposer: the nearest composer.json's PSR-4 roots
// locate a base whose namespace the file's folders do not show.
func TestInheritedThroughComposer(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"composer.json":                 `{"autoload-dev": {"psr-4": {"Vendor\\Testing\\": ["support/testing/"]}}}`,
		"support/testing/BaseCases.php": strings.Replace(baseCases, `namespace Vendor\Tests\Integration;`, `namespace Vendor\Testing;`, 1),
		"tests/SomeTest.php": `<?php
namespace Vendor\Tests;

use Vendor\Testing\BaseCases as Cases;

class SomeTest extends Cases
{
    public function flavour(): string { return 'x'; }
}
`,
	}
	got, ok := extractIn(t, files, "tests/SomeTest.php", true)
	if !ok || len(got) != 5 || !slices.Contains(got, "SomeTest::testOverridden") {
		t.Errorf("SomeTest: ok=%v %q", ok, got)
	}
}
