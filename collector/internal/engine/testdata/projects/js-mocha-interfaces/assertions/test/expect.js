describe('expect', function () {
  it('equals', function () {});
  // res.end(str, encoding) broken in node.js 0.8
  var run = /^v0\.8\./.test(process.version) ? it.skip : it;
  run('writes hex data', function () {});
});
