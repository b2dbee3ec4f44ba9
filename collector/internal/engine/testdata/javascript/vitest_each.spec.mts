import { describe, expect, test } from 'vitest';

describe('math', () => {
  test.each([
    [1, 1, 2],
    [2, 2, 4],
  ])('add($0, $1) -> $2', (a, b, expected) => {
    expect(a + b).toBe(expected);
  });

  test.each([
    { name: 'alice', age: 30 },
    { name: 'bob', age: 41 },
  ])('user $name is $age', ({ age }) => {
    expect(age).toBeGreaterThan(18);
  });

  test.for([
    [1, 'one'],
    [2, 'two'],
  ])('%i is spelled %s', ([n, word]) => {
    expect(String(n)).not.toBe(word);
  });

  test.each`
    input      | output
    ${'a'}     | ${'A'}
    ${'b'}     | ${'B'}
  `('upper($input) = $output', ({ input, output }) => {
    expect(input.toUpperCase()).toBe(output);
  });

  test.each(['x', 'y'])('%# is %s', (v) => {
    expect(v).toBeTruthy();
  });
});
