<?php

namespace Tests\Unit;

use PHPUnit\Framework\TestCase;

class LegacyTest extends TestCase
{
    public function test_that_true_is_true(): void
    {
        $this->assertTrue(true);
    }
}
