describe('format', () => {
  test('pads numbers', () => {
    expect(String(7).padStart(3, '0')).toBe('007');
  });

  test.todo('formats dates');
});
