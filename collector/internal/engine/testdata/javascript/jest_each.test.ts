import { add, greet } from '../src/math';

const fixtures = [
  [1, 2, 3],
  [2, 3, 5],
];

describe('add', () => {
  it.each([
    [1, 1, 2],
    [1, 2, 3],
    [-1, 1, 0],
  ])('add(%i, %i) -> %i', (a, b, expected) => {
    expect(add(a, b)).toBe(expected);
  });

  test.each([1, 2.5, 'x'])('%p is a value (%#)', (v) => {
    expect(v).toBeDefined();
  });

  test.each([
    { a: 1, b: 1, expected: 2 },
    { a: 'x', b: 'y', expected: 'xy' },
  ])('$a + $b = $expected', ({ a, b, expected }) => {
    expect(add(a, b)).toBe(expected);
  });

  test.each`
    a    | b    | expected
    ${1} | ${1} | ${2}
    ${2} | ${1} | ${3}
    ${'a'} | ${'b'} | ${'ab'}
  `('returns $expected when $a is added to $b', ({ a, b, expected }) => {
    expect(add(a, b)).toBe(expected);
  });

  it.each(fixtures)('fixture %d + %d', (a, b, c) => {
    expect(add(a, b)).toBe(c);
  });

  it.each([[someValue(), 1], [2, 2]])('dynamic %s and %s', () => {});

  it.each([...fixtures, [0, 0, 0]])('spread table %i', () => {});

  it.skip.each([['a'], ['b']])('skipped %s', () => {});

  test.each([[1, { deep: true }]])('%s with %p', () => {});
});

// Two blocks declare their own rows: each table is the one in scope.
describe('scoped tables', () => {
  describe('small', () => {
    const rows = [[1], [2]];
    it.each(rows)('small %i', (n) => {});
  });
  describe('large', () => {
    const rows = [[100]];
    it.each(rows)('large %i', (n) => {});
  });
});

describe.each([
  ['en', 'Hello'],
  ['fr', 'Bonjour'],
])('greet in %s', (lang, word) => {
  it('says hello', () => {
    expect(greet(lang)).toBe(word);
  });
});

function someValue(): number {
  return 1;
}
