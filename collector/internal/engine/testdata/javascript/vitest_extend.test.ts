import { test as base, describe, expect } from 'vitest';
import { createDb, type Db } from './db';

interface Fixtures {
  db: Db;
}

const test = base.extend<Fixtures>({
  db: async ({}, use) => {
    const db = await createDb();
    await use(db);
    await db.close();
  },
});

const dbTest = test;
const slowTest = test.skip;

describe('repository', () => {
  test('inserts a row', async ({ db }) => {
    await db.insert({ id: 1 });
    expect(await db.count()).toBe(1);
  });

  dbTest.only('deletes a row', async ({ db }) => {
    await db.delete(1);
  });

  slowTest('migrates the schema', async () => {});
});
