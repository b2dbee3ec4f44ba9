const { describe, it, before } = require('node:test');
const assert = require('node:assert');

describe('parser', () => {
  before(() => {});

  it('parses numbers', () => {
    assert.equal(Number('1'), 1);
  });

  it.todo('parses dates');

  describe.skip('legacy syntax', () => {
    it('parses octal', () => {});
  });

  it('has no body');
});

// A module bound as t, and a helper whose own parameter t is the caller's
// test context (fastify-reply-from): its t.test is a subtest made at run
// time, not a declaration.
const t = require('node:test');

async function run(t, { port } = {}) {
  await t.test('subtest of the caller', async () => {});
}

t.test('runs the shared steps', async (t) => {
  await run(t);
});
