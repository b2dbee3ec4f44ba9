import { bench, describe } from 'vitest';
import { fetchUser } from '../src/api/api';

// Benchmarks are not tests: `vitest bench` runs them, `vitest list` does not
// list them, and `vitest run` refuses bench() outside benchmark mode.
describe('user api', () => {
  bench('fetchUser speed', async () => {
    await fetchUser(1);
  });
});
