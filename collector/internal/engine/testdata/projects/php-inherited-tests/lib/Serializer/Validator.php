<?php

namespace Acme\Serializer;

final class Validator
{
    public function __construct(private string $ns)
    {
    }

    public function validate(object $struct): bool
    {
        return str_starts_with(get_class($struct), $this->ns);
    }
}
