'use strict';
var dom = require('../lib');

exports = exports.dom = {};

exports.matches = function() {
  dom.createDocument('<h1>').querySelector('h1').should.be.ok();
};

exports['closest'] = function() {};
