<?php

describe('cart', function () {
    beforeEach(fn () => $this->cart = new Cart());

    it('starts empty', function () {
        expect($this->cart->count())->toBe(0);
    });

    describe('with items', function () {
        it('counts them', function () {
            //
        });

        test('totals them', function () {
            //
        })->only();
    });

    describe('checkout', function () {
        it('charges the card', function () {
            //
        })->only();

        it('sends a receipt');
    })->skip();
});

test('outside any describe', fn () => expect(true)->toBeTrue());
