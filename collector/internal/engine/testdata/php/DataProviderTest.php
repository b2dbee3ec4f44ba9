<?php

namespace Tests\Unit;

use PHPUnit\Framework\Attributes\DataProvider;
use PHPUnit\Framework\Attributes\TestWith;
use PHPUnit\Framework\TestCase;

class DataProviderTest extends TestCase
{
    /**
     * @dataProvider additionProvider
     */
    public function testAdd(int $a, int $b, int $expected): void
    {
        $this->assertSame($expected, $a + $b);
    }

    public static function additionProvider(): array
    {
        return [
            'adding zeros'  => [0, 0, 0],
            'zero plus one' => [0, 1, 1],
            'one plus zero' => [1, 0, 1],
        ];
    }

    #[DataProvider('listProvider')]
    public function testList(int $n): void
    {
    }

    public static function listProvider(): array
    {
        return [[1], [2], 5 => [3], [4], '7' => [5]];
    }

    #[DataProvider('yieldingProvider')]
    public function testYields(string $s): void
    {
    }

    public static function yieldingProvider(): \Generator
    {
        yield 'empty string' => [''];
        yield ['x'];
        yield 'unicode' => ['é'];
    }

    #[DataProvider('computedProvider')]
    public function testComputed(int $n): void
    {
    }

    public static function computedProvider(): array
    {
        return array_map(fn (int $n) => [$n], range(1, 10));
    }

    #[DataProvider('loopingProvider')]
    public function testLooping(int $n): void
    {
    }

    public static function loopingProvider(): iterable
    {
        foreach ([1, 2, 3] as $n) {
            yield "n=$n" => [$n];
        }
    }

    /**
     * @dataProvider \Tests\Fixtures\Shared::emails
     */
    public function testExternalProvider(string $email): void
    {
    }

    #[TestWith([1, 2, 3])]
    #[TestWith([2, 3, 5])]
    public function testSum(int $a, int $b, int $c): void
    {
    }

    /**
     * @testWith [0, 0]
     *           [1, 1]
     *           [2, 4]
     */
    public function testSquare(int $n, int $square): void
    {
    }

    /**
     * @dataProvider skippedProvider
     */
    public function testSkippedWithData(int $n): void
    {
        $this->markTestSkipped('data sets inherit the status');
    }

    public static function skippedProvider(): array
    {
        return ['first' => [1], 'second' => [2]];
    }
}
