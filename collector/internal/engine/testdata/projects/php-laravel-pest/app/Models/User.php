<?php

namespace App\Models;

class User
{
    public function testable(): bool { return true; }
}
