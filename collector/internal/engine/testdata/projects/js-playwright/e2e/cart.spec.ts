import { test, expect } from './fixtures';

test.describe('cart', () => {
  test('adds an item', async ({ page, user }) => {
    await page.goto(`/shop?user=${user}`);
    await page.getByRole('button', { name: 'Add' }).click();
    await expect(page.getByTestId('count')).toHaveText('1');
  });

  test.fixme('removes an item', async () => {});
});
