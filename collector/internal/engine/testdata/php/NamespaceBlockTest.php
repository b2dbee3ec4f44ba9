<?php

namespace Tests\Feature {
    use PHPUnit\Framework\TestCase;

    abstract class FeatureTestCase extends TestCase
    {
        public function testInheritedByEverySubclass(): void
        {
        }

        abstract public function testAbstract(): void;
    }

    class BracedNamespaceTest extends FeatureTestCase
    {
        public function testInsideBracedNamespace(): void
        {
        }

        public function testAbstract(): void
        {
        }
    }
}
