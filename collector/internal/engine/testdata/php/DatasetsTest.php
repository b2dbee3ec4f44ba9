<?php

it('has emails', function (string $email) {
    expect($email)->not->toBeEmpty();
})->with(['enunomaduro@gmail.com', 'other@example.com']);

test('adds', function (int $a, int $b, int $sum) {
    expect($a + $b)->toBe($sum);
})->with([
    [1, 2, 3],
    [2, 2, 4],
    [-1, 1.5, 0.5],
]);

it('names data sets', function (string $email) {
    //
})->with([
    'james' => ['james@laravel.com'],
    'taylor' => ['taylor@laravel.com'],
]);

it('shortens', function (array $xs, ?string $s, bool $b) {
    //
})->with([
    [[1, 2, 3, 4], null, true],
    [['a' => 1], 'a string that is much longer than forty characters', false],
]);

it('uses a shared dataset', function (string $email) {
    //
})->with('emails');

it('combines datasets', function (string $a, string $b) {
    //
})->with(['x', 'y'])->with(['1', '2']);

it('skips every case', function (int $n) {
    //
})->with([1, 2])->skip();
