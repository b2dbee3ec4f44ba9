<?php

namespace App\Tests\Providers;

use PHPUnit\Framework\TestCase;

/**
 * How PHPUnit merges and binds data providers (checked with PHPUnit 9.6's --list-tests,
 * the three classes in files of their own):
 * integer keys are renumbered across providers, a string key is kept once,
 * a comment between rows changes nothing, and a provider named with this
 * file's class is read.
 */
final class ProviderMergeTest extends TestCase
{
    /**
     * @dataProvider \App\Tests\Providers\ProviderMergeTest::sparseRows
     * @dataProvider moreRows
     */
    public function testMerged(int $n): void
    {
        $this->assertIsInt($n);
    }

    public static function sparseRows(): array
    {
        return [
            [1],
            // PHPUnit renumbers: 5 => becomes #1, the next row #2
            5 => [2],
            [3],
            'named' => [4],
        ];
    }

    public static function moreRows(): array
    {
        return [[5], 'named' => [6], '9' => [7]];
    }
}

/**
 * The base declares the test and an abstract provider; PHPUnit calls the
 * provider on each concrete class it runs.
 */
abstract class AbstractWordsTest extends TestCase
{
    abstract public static function words(): array;

    /**
     * @dataProvider words
     */
    public function testWord(string $word): void
    {
        $this->assertNotSame('', $word);
    }
}

final class FrenchWordsTest extends AbstractWordsTest
{
    public static function words(): array
    {
        return [
            'bonjour' => ['bonjour'],
            'merci' => ['merci'],
        ];
    }
}

final class GermanWordsTest extends AbstractWordsTest
{
    public static function words(): array
    {
        return [['hallo'], ['danke'], ['bitte']];
    }
}
