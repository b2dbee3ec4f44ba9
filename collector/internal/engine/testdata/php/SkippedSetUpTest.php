<?php

use PHPUnit\Framework\TestCase;

final class SkippedSetUpTest extends TestCase
{
    protected function setUp(): void
    {
        $this->markTestSkipped('the Redis extension is not installed in CI');
    }

    public function testConnects(): void
    {
    }

    public function testPublishes(): void
    {
    }
}

final class ConditionalSetUpTest extends TestCase
{
    protected function setUp(): void
    {
        if (!extension_loaded('redis')) {
            $this->markTestSkipped('needs redis');
        }
    }

    public function testRuns(): void
    {
    }
}
