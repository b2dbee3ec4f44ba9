<?php

namespace Acme\Tests\Words\French;

use Acme\Tests\Words\AbstractWordsTest;

final class FrenchWordsTest extends AbstractWordsTest
{
    /** @return string[][] */
    public function words(): array
    {
        return [
            ['cheval', 'chevaux'],
            // an irregular plural
            ['oeil', 'yeux'],
            'bijou' => ['bijou', 'bijoux'],
        ];
    }
}
