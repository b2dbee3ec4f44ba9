<?php

namespace Acme\Tests\Integration;

use Acme\Serializer\Validator;
use PHPUnit\Framework\TestCase;

/**
 * Every generated flavour runs these tests: a subclass names its namespace.
 */
abstract class BaseValidatorTest extends TestCase
{
    abstract public function getNsGlobal(): string;

    public function testEmptyStructValidator(): void
    {
        $this->assertTrue((new Validator($this->getNsGlobal()))->validate(new \stdClass()));
    }

    /**
     * @dataProvider structProvider
     */
    public function testStructValidator(string $class, bool $valid): void
    {
        $this->assertSame($valid, class_exists($this->getNsGlobal() . '\\' . $class));
    }

    public function structProvider(): array
    {
        return [
            'bonk' => ['Bonk', true],
            'struct a' => ['StructA', true],
            'missing' => ['Missing', false],
        ];
    }

    public function testWriteWithMissingRequired(): void
    {
        $this->markTestSkipped('needs the generated classes');
    }

    protected function assertHasReadValidator(string $class): void
    {
        $this->assertTrue(method_exists($class, '_validateForRead'));
    }
}
