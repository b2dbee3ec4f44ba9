<?php

namespace Acme\Tests\Words;

use PHPUnit\Framework\TestCase;

/**
 * The test and an abstract provider: PHPUnit calls words() on each concrete
 * class it runs, so each subclass's own rows are its data sets.
 */
abstract class AbstractWordsTest extends TestCase
{
    /** @return string[][] */
    abstract public function words(): array;

    /** @dataProvider words */
    public function testSingular(string $singular, string $plural): void
    {
        $this->assertNotSame($singular, $plural);
    }
}
