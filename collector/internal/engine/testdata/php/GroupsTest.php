<?php

use PHPUnit\Framework\Attributes\Group;
use PHPUnit\Framework\Attributes\RequiresPhp;
use PHPUnit\Framework\Attributes\Test;
use PHPUnit\Framework\TestCase;

#[Group('integration')]
class GroupsTest extends TestCase
{
    #[Group('skip')]
    public function testGroupNamedSkipStillRuns(): void
    {
    }

    /**
     * @group slow
     * @requires PHP >= 9.0
     */
    public function testAnnotatedRequirements(): void
    {
    }

    #[Test, RequiresPhp('>= 9.0')]
    public function requiresFuturePhp(): void
    {
    }

    /**
     * @testdox Does something
     */
    public function doesSomething(): void
    {
    }
}
