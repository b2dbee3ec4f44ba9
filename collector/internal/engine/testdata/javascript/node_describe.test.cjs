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
