// A test file by folder, as Mocha's default spec (./test/*.{js,cjs,mjs}) takes it.
const assert = require('assert');

describe('app', function () {
  it('serves the gzipped bundle', function () {
    assert.ok(true);
  });
});
