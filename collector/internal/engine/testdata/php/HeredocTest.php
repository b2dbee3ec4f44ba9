<?php

use PHPUnit\Framework\TestCase;

class HeredocTest extends TestCase
{
    private const TEMPLATE = <<<'PHP'
        <?php
        class GeneratedTest extends TestCase
        {
            public function testInsideNowdoc(): void {}
        }
        PHP;

    public function testGeneratesCode(): void
    {
        $code = <<<EOT
            public function testInsideHeredoc(): void
            {
                test('inside heredoc', fn () => true);
            }
            EOT;
        $this->assertStringContainsString('function test', $code);
        // public function testInAComment() {}
        /* it('in a block comment', function () {}); */
        $s = 'function testInAString() {}';
    }
}
