<?php

namespace Acme\Tests\Integration\Validate;

use Acme\Tests\Integration\BaseValidatorTest as ValidatorCases;

final class OopValidatorTest extends ValidatorCases
{
    public function getNsGlobal(): string
    {
        return 'ValidateOop';
    }

    public function testWriteWithMissingRequired(): void
    {
        $this->expectException(\RuntimeException::class);
        throw new \RuntimeException('required field missing');
    }

    public function testOopOnly(): void
    {
        $this->assertSame('ValidateOop', $this->getNsGlobal());
    }
}
