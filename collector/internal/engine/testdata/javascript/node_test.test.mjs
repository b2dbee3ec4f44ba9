import test from 'node:test';
import assert from 'node:assert/strict';

test('synchronous passing test', () => {
  assert.strictEqual(1, 1);
});

test('asynchronous test with subtests', async (t) => {
  await t.test('subtest 1', () => {
    assert.ok(true);
  });
  await t.test('subtest 2', () => {});
});

test.skip('skipped with .skip', () => {});
test('skipped with an option', { skip: true }, () => {});
test('skipped with a reason', { skip: 'not on windows' }, () => {});
test('todo with an option', { todo: true }, () => {});
test.todo('todo with .todo');
test.only('focused with .only', () => {});
test('not skipped: skip is false', { skip: false }, () => {});
test('no function is a passing no-op');

test.describe('nested through the default export', () => {
  test.it('works', () => {});
});
