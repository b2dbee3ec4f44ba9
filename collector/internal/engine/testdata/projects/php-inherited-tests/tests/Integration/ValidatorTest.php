<?php

namespace Acme\Tests\Integration;

/**
 * Runs every test of BaseValidatorTest against the "Validate" namespace.
 */
class ValidatorTest extends BaseValidatorTest
{
    public function getNsGlobal(): string
    {
        return 'Validate';
    }
}
