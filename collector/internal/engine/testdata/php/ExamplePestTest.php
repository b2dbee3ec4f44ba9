<?php

use App\Models\User;

uses(Tests\TestCase::class);

beforeEach(function () {
    $this->user = User::factory()->make();
});

test('the application returns a successful response', function () {
    $this->get('/')->assertStatus(200);
});

it('has a name', function () {
    expect($this->user->name)->not->toBeEmpty();
});

it('is skipped', function () {
    //
})->skip();

it('is skipped with a reason', function () {
    //
})->skip('waiting for the billing API');

it('is skipped on a condition only', function () {
    //
})->skip(fn () => getenv('CI') === false, 'local only');

it('runs alone', function () {
    //
})->only();

test('is written later', function () {
    //
})->todo();

it('is not skipped', function () {
    //
})->skip(false);

it('throws', function () {
    throw new RuntimeException();
})->throws(RuntimeException::class);

function helper(): void
{
    test('not a test: inside a function', fn () => true);
}
