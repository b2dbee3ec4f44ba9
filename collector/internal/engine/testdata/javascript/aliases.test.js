// Aliases and wrappers that real suites use.
const { describe: group, it: check } = require('mocha');

const itSlow = it.skip;
const describeFocused = describe.only;
const ftest = test.only;

function itIf(condition, name, fn) {
  return condition ? it(name, fn) : it.skip(name, fn);
}

const describeIf = (condition, title, body) => (condition ? describe : describe.skip)(title, body);

const describeOnLinux = (title, body) => describe(title, body);

group('aliased group', () => {
  check('aliased test', () => {});
});

describe('wrappers', () => {
  itIf(process.env.CI, 'runs on CI', () => {});
  itIf(true, 'always runs', () => {});
  itSlow('too slow for every run', () => {});
  ftest('focused through an alias', () => {});
});

describeOnLinux('linux only', () => {
  it('reads /proc', () => {});
});

describeFocused('focused group through an alias', () => {
  it('is focused', () => {});
});

function sharedBehaviour(kind) {
  it(`validates a ${kind}`, () => {});
}

describe('shared', () => {
  sharedBehaviour('user');
  sharedBehaviour('group');
});

describeIf(true, 'wrapper of a conditional callee', () => {
  it('still found lexically', () => {});
});

for (const c of [{ name: 'a' }, { name: 'b' }]) {
  it(c.name, () => {});
}

// A wrapper no call of which gives a literal title: its own test call is the
// declared test (names read from a data file at run time).
function addTest(name, fn) {
  if (typeof describe === 'function') {
    it(name, fn);
  } else {
    fn();
  }
}
for (const name of Object.keys(loadYaml('portable-tests.yaml'))) {
  addTest(name, () => {});
}

// A wrapper that rewrites its parameter before the test call (pino's
// broken-pipe test): the runner's titles are not the literals written at the
// calls, so its own test call is the declared test.
function testFixture(file) {
  file = 'fixtures/' + file;
  it(file, () => {});
}
testFixture('basic.js');
testFixture('destination.js');
