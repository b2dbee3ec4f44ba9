import { test, expect } from '@playwright/test';

test.use({ locale: 'en-GB' });

test.beforeEach(async ({ page }) => {
  await page.goto('https://example.com/');
});

test('has title', async ({ page }) => {
  await expect(page).toHaveTitle(/Example/);
});

test('get started link', { tag: '@smoke' }, async ({ page }) => {
  await test.step('click the link', async () => {
    await page.getByRole('link', { name: 'Get started' }).click();
  });
  await test.step('check the heading', async () => {
    await expect(page.getByRole('heading')).toBeVisible();
  });
});

test.describe('checkout', () => {
  test.describe.configure({ mode: 'serial' });
  test.skip(({ browserName }) => browserName === 'webkit', 'not on webkit');

  test('adds to cart', async ({ page, browserName }) => {
    test.skip(browserName === 'firefox', 'flaky on firefox');
    test.slow();
    await page.click('#add');
  });

  test.fixme('pays with a card', async () => {});
  test.fail('rejects an expired card', async () => {});
  test.only('shows the receipt', async () => {});
});

test.describe.serial('wizard', () => {
  test('step one', async () => {});
  test('step two', async () => {});
});

test.describe.parallel.only('focused parallel group', () => {
  test('a', async () => {});
});

test.describe.fixme('broken area', () => {
  test('never runs', async () => {});
});

test.describe(() => {
  test.use({ colorScheme: 'dark' });
  test('anonymous group keeps the parent path', async () => {});
});

// A suite declared once per row of a literal table (Ory Kratos): one suite
// in source, named by its raw title, its substitution written on one line.
for (const mitigateEnumeration of [true, false]) {
  test.describe(`account enumeration protection ${
    mitigateEnumeration ? "on" : "off"
  }`, () => {
    test('login', async ({ page }) => {});
  });
}
