import { beforeEach, describe, expect, it, test, vi } from 'vitest';
import { fetchUser } from '../src/api';

vi.mock('../src/http');

describe.concurrent('user api', () => {
  beforeEach(() => {
    vi.resetAllMocks();
  });

  it('fetches a user', async () => {
    expect(await fetchUser(1)).toMatchObject({ id: 1 });
  });

  test.fails('rejects unknown ids', async () => {
    await expect(fetchUser(-1)).resolves.toBeDefined();
  });

  test.skipIf(process.platform === 'win32')('uses unix sockets', () => {});
  test.runIf(process.env.CI)('runs on CI only', () => {});
  it.todo('paginates');
  test.sequential('runs in order', () => {});
});

describe.todo('admin api');

describe.shuffle('random order', () => {
  it.skip('is skipped', () => {});
  it.only('is focused', () => {});
});
