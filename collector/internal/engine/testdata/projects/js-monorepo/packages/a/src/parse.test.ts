// Vitest with globals: true, so no import of describe/it.
describe('parse', () => {
  it('parses an int', () => {
    expect(Number.parseInt('42', 10)).toBe(42);
  });

  it.each([
    { input: '1', output: 1 },
    { input: '2', output: 2 },
  ])('parses $input', ({ input, output }) => {
    expect(Number(input)).toBe(output);
  });
});
