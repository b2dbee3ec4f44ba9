import { describe, expect, test, mock } from 'bun:test';

const random = mock(() => Math.random());

describe('math', () => {
  test('addition', () => {
    expect(2 + 2).toBe(4);
  });

  test.todo('matrix multiplication');
  test.skip('division by zero', () => {});
  test.failing('floating point is exact', () => {
    expect(0.1 + 0.2).toBe(0.3);
  });
  test.if(process.platform === 'linux')('linux only', () => {});

  test.each([
    [1, 2, 3],
    [3, 4, 7],
  ])('%d + %d = %d', (a, b, c) => {
    expect(a + b).toBe(c);
  });

  test('uses a mock', () => {
    random();
    expect(random).toHaveBeenCalled();
  });
});
