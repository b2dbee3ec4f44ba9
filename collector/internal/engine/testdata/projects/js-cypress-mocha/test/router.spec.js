const { expect } = require('chai');
const { route } = require('../src/router');

describe('router', function () {
  it('matches /', function () {
    expect(route('/')).to.equal('home');
  });
  it('404s unknown paths');
});
