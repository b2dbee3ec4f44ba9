<?php

namespace Tests\Support;

trait CreatesApplication
{
    public function createApplication()
    {
        return require __DIR__.'/../bootstrap/app.php';
    }

    public function testHelperInATrait(): void
    {
    }
}

function makeTestUser(): array
{
    return ['name' => 'test'];
}
