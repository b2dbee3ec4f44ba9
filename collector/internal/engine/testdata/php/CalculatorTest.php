<?php

declare(strict_types=1);

namespace App\Tests\Unit;

use App\Calculator;
use PHPUnit\Framework\Attributes\Test;
use PHPUnit\Framework\TestCase;

final class CalculatorTest extends TestCase
{
    private Calculator $calculator;

    protected function setUp(): void
    {
        $this->calculator = new Calculator();
    }

    public function testAddsTwoNumbers(): void
    {
        $this->assertSame(4, $this->calculator->add(2, 2));
    }

    /**
     * @test
     */
    public function it_subtracts(): void
    {
        $this->assertSame(0, $this->calculator->sub(2, 2));
    }

    /** @test */
    public function multiplies(): void
    {
        $this->assertSame(6, $this->calculator->mul(2, 3));
    }

    #[Test]
    public function divides(): void
    {
        $this->assertSame(2, $this->calculator->div(4, 2));
    }

    public function testDivisionByZero(): void
    {
        $this->markTestSkipped('DivisionByZeroError handling is being redesigned');
    }

    public function testPowers(): void
    {
        // still to be written
        $this->markTestIncomplete();
    }

    public function testSkipIsNotFirst(): void
    {
        $this->assertTrue(true);
        $this->markTestSkipped('only on some platforms');
    }

    function testWithoutVisibility(): void
    {
        self::assertTrue(true);
    }

    protected function testProtectedIsNotATest(): void
    {
    }

    private function helperMethod(): int
    {
        return 1;
    }

    public function Testcase_capitalised_is_not_a_test(): void
    {
    }
}
