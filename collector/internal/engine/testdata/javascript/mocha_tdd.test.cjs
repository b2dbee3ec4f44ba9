const { suite, test, setup } = require('mocha');
const assert = require('node:assert');

suite('Array', function () {
  setup(function () {
    this.list = [1, 2, 3];
  });

  suite('#indexOf()', function () {
    test('returns -1 when not present', function () {
      assert.equal(this.list.indexOf(4), -1);
    });
    test.skip('returns the first index', function () {});
    test.only('works with NaN', function () {});
  });
});
