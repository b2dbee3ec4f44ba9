// Unit tests for the cart; run with `jest`.
const { Cart } = require('../src/cart');

jest.mock('../src/prices');

describe('Cart', () => {
  let cart;

  beforeEach(() => {
    cart = new Cart();
  });

  it('starts empty', () => {
    expect(cart.items).toHaveLength(0);
  });

  test('adds an item', () => {
    cart.add({ sku: 'A1', qty: 1 });
    expect(cart.items).toHaveLength(1);
  });

  describe('totals', () => {
    it.skip('applies the holiday discount', () => {});
    xit('rounds half to even', () => {});
    it.only('sums line prices', () => {
      expect(cart.total()).toBe(0);
    });
    it.todo('supports gift cards');
    it('handles currencies');
    test.concurrent('loads prices concurrently', async () => {
      await cart.refresh();
    });
    test.failing('knows about taxes yet', () => {
      expect(cart.tax()).toBe(1);
    });
  });

  // it('commented out', () => {})
  /* test('also commented out', () => {}) */
  const doc = "it('a string, not a test', () => {})";
  const tpl = `describe('neither is this', () => {})`;

  test('title with "quotes" and \'escapes\'', () => {
    expect(doc).toContain(tpl.slice(0, 1));
  });
});

xtest('skipped at top level', () => {});
fit('focused at top level', () => {});
