// Not a test file despite its name: a reporter helper with its own describe().
function describe(obj) {
  return Object.keys(obj).map((k) => `${k}: ${obj[k]}`).join('\n');
}

const it = (x) => x;

module.exports = {
  summary(results) {
    return describe(results) + it('!');
  },
  title() {
    return describe('suite');
  },
};
