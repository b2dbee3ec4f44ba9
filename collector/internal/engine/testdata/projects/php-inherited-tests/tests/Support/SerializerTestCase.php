<?php

namespace Acme\Tests\Support;

use PHPUnit\Framework\TestCase;

abstract class SerializerTestCase extends TestCase
{
    protected function roundTrip(mixed $value): mixed
    {
        return unserialize(serialize($value));
    }
}
