const { price } = require('./price');

describe('price', () => {
  it('formats cents', () => {
    expect(price(199)).toBe('$1.99');
  });
});
