'use strict';

const assert = require('assert');
const { describe, it, context } = require('mocha');
const Stack = require('../lib/stack');

describe('Stack', function () {
  this.timeout(5000);

  context('when empty', function () {
    it('has size 0', function () {
      assert.strictEqual(new Stack().size, 0);
    });

    it('throws on pop', function () {
      assert.throws(() => new Stack().pop());
    });
  });

  context('when full', function () {
    specify('rejects push', function () {});
    xspecify('grows when configured', function () {});
    it('is pending without a callback');
  });

  describe.skip('serialization', function () {
    it('round-trips', function () {});
  });

  xcontext('legacy API', function () {
    it('still works', function () {});
  });

  it.only('peeks', function (done) {
    setTimeout(done, 1);
  });

  it('has a ' + 'concatenated title', () => {});
});

describe('compression threshold', function () {
  // res.end(str, encoding) broken in node.js 0.8
  var run = /^v0\.8\./.test(process.version) ? it.skip : it;
  run('handles writing hex data', function () {});
  const onlyOnCI = process.env.CI ? it : xit;
  onlyOnCI('uploads the report', function () {});
  const pick = process.env.X ? console.log : console.error;
  pick('not a test');
});

describe('process-exit-as-throw', () => {
  const supported = process.version >= 'v6';
  ;(supported ? it : xit)("gets an unreachable error after 'process.exit()'.", () => {});
  (supported ? foo : bar)('not a test');
  ;(supported ? xit : it)('skipped where unsupported', () => {});
});

describe('markdown spec', () => {
  (spec.only ? fit : (spec.skip ? xit : it))('should pass example ' + n, () => {});
});

function addTest(arg, row) {
  var fn = function () {};
  if (typeof describe === 'function') {
    it('test_errors: ' + JSON.stringify(arg), fn);
  }
}
addTest(';', 1);

describe('fixture tests', function () {
  Object.keys(fixtureTests).forEach(function (name) {
    it(path.basename(name, '.http'), createFixtureTest(name));
  });
  it.skip(process.platform === 'win32', reason); // a runtime skip's shape: no test
});
