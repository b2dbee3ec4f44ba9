<?php

namespace Acme\Tests\Unit;

use Acme\Tests\Support\SerializerTestCase;

class RoundTripTest extends SerializerTestCase
{
    public function testScalar(): void
    {
        $this->assertSame(42, $this->roundTrip(42));
    }
}
