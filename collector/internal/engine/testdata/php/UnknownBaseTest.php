<?php

namespace Tests;

class UnknownBaseTest extends IntegrationCase
{
    public function testSomething(): void
    {
    }
}
