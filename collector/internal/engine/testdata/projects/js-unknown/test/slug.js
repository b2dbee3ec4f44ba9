const assert = require('assert');
const slug = require('../slug');

describe('slug', () => {
  it('lowercases', () => {
    assert.equal(slug('A'), 'a');
  });
  xit('transliterates', () => {});
});
