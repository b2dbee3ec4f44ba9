import { test, expect } from '@playwright/test';

test.describe('search', () => {
  test('finds results', async ({ page }) => {
    await page.goto('/search?q=testlens');
    await expect(page.locator('.result')).not.toHaveCount(0);
  });
});
