// Tests declared in the branches of if statements exist only when the
// branch is taken; each carries the condition that leads to it.
describe('isProxyEnabled', function () {
  if (typeof Proxy !== 'undefined' && typeof Reflect !== 'undefined') {
    it('returns true if Proxy and Reflect are defined', function () {});
  } else {
    it('returns false if Proxy and/or Reflect are undefined', function () {});
  }

  if (parseInt(process.version) >= 8) {
    it('regexp flag (s)', function () {});
  } else if (process.env.LEGACY) {
    it('legacy regexp', function () {});
  } else {
    it.skip('no regexp flags', function () {});
  }
});

if (process.platform === 'linux') {
  describe('linux', () => {
    it('reads /proc', () => {});
    if (isRoot) {
      test('writes /proc', () => {
        if (inBody) {
          it('is not a test of the suite', () => {});
        }
      });
    }
  });
}

it('always', () => {
  if (x) { /* a body's if is no condition of anything */ }
});

if (x /* a comment */) {
  it('under a condition with a comment', () => {});
}
