<?php

todo('supports refunds');

it('exports to CSV');

test('imports from CSV')->todo();

it('has a higher-order expectation')->expect(fn () => 1 + 1)->toBe(2);

it('is a grouped todo')->group('billing');
