// Mocha's exports interface: the module's exports are the tests.
var assert = require('assert');
require('..');

exports['test general formatting'] = function() {
  assert.equal(new Date(0).format('y'), '70');
};

exports.before = function() {};  // a hook, not a test

exports['test padding'] = () => {
  // exports.inABody = function() {} is no declaration: a body is not read.
};

module.exports.Parsing = {
  beforeEach: function() {},
  'ISO dates': {
    'with a zone'() {},
    'without a zone': function() {},
  },
  count: 3, // a value: neither test nor suite
};

exports.computed = Object.keys(cases).reduce(function(r, k) { r[k] = function() {}; return r; }, {});
