import { describe, expect, it, jest, beforeAll } from '@jest/globals';
import type { Config } from './config';

const config: Config = { retries: 2 };

xdescribe('legacy importer', () => {
  it('parses v1 files', () => {});
  fit('stays skipped even when focused', () => {});
  it.todo('stays todo');
});

fdescribe('new importer', () => {
  beforeAll(() => {
    jest.useFakeTimers();
  });
  it('parses v2 files', () => {
    expect(config.retries).toBe(2);
  });
  it.skip('parses v3 files', () => {});
  describe.skip('streaming', () => {
    it.only('stays skipped', () => {});
  });
});

describe('generics <T>', () => {
  const identity = <T,>(x: T): T => x;
  it('keeps the type', () => {
    expect(identity<number>(1)).toBe(1);
  });
});
