import { test as base, expect, type Page } from '@playwright/test';
import { TodoPage } from './todo-page';

type Fixtures = {
  todoPage: TodoPage;
};

export const test = base.extend<Fixtures>({
  todoPage: async ({ page }: { page: Page }, use) => {
    const todoPage = new TodoPage(page);
    await todoPage.goto();
    await use(todoPage);
  },
});

test.describe('todo list', () => {
  test('adds an item', async ({ todoPage }) => {
    await todoPage.add('buy milk');
    await expect(todoPage.items).toHaveCount(1);
  });

  test.skip('removes an item', async ({ todoPage }) => {
    await todoPage.remove(0);
  });
});
