<?php

it('returns a successful response', function () {
    $response = $this->get('/');

    $response->assertStatus(200);
});

describe('profile', function () {
    test('page is displayed', function () {
        //
    });

    test('information can be updated', function (string $name) {
        //
    })->with(['Taylor', 'Nuno']);
});
