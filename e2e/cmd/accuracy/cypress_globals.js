// Cypress' spec window for the Mocha lister (the accuracy command's cypress
// mode): given to Mocha as a --require module, before the lister, so that
// spec files declare their tests under Mocha as they do in Cypress' browser.
//
// Cypress loads a spec with Mocha's BDD interface (describe, context, it,
// specify, their .only and .skip, xdescribe, xcontext, xit, xspecify, the
// hooks) and overloads it, describe, context and specify to take a test
// configuration between the title and the function (packages/driver/src/
// cypress/mocha.ts, overloadMochaFnForConfig): with more than two arguments
// and an object second, the object is the configuration, and a { browser }
// that does not match the run's browser declares the test or suite skipped,
// its title followed by " (skipped due to browser)". The same overload is
// installed here on every file's pre-require, after Mocha's own.
//
// cy and the other globals are permissive: any property, call or `new` of
// them gives another such object, so that a file which touches them while
// declaring loads. Cypress (the object) answers what a spec can ask while
// declaring: env() (the project's cypress.json or cypress.config.* env, then
// cypress.env.json, CYPRESS_* variables and the run's --env), config(),
// browser, isBrowser(), platform, arch, spec; Commands.add and the event
// functions do nothing.
//
// Set by the cypress mode: CYPRESS_ACCURACY_BROWSER (the browser of the run,
// electron by default, as `cypress run`) and CYPRESS_ACCURACY_ENV (a JSON
// object, from its --env).
'use strict';

const fs = require('fs');
const path = require('path');
const { packageRoot } = require('./jslister_common.js');

const mochaRoot = packageRoot('mocha');
const Mocha = require(path.join(mochaRoot, 'lib', fs.existsSync(path.join(mochaRoot, 'lib', 'mocha.cjs')) ? 'mocha.cjs' : 'mocha.js'));
const projectRoot = process.cwd();

// permissive is a callable object whose every property, call and
// construction is another permissive object. It is not a thenable (await
// on it does not hang) and turns into '' or 0 where a primitive is wanted.
function permissive() {
  const cache = new Map();
  return new Proxy(function () {}, {
    get(target, key) {
      switch (key) {
        case Symbol.toPrimitive:
          return (hint) => (hint === 'number' ? 0 : '');
        case Symbol.iterator:
          return function* () {};
        case 'then':
        case 'toJSON':
        case 'constructor':
        case 'asymmetricMatch':
        case '$$typeof':
          return undefined;
        case 'toString':
        case 'valueOf':
          return () => '';
        case 'prototype':
        case 'length':
        case 'name':
          return target[key];
      }
      if (typeof key === 'symbol') return undefined;
      if (!cache.has(key)) cache.set(key, permissive());
      return cache.get(key);
    },
    set() {
      return true;
    },
    apply() {
      return permissive();
    },
    construct() {
      return permissive();
    },
  });
}

// The browsers `cypress run --browser` names, as Cypress.browser describes
// them.
const browsers = {
  electron: { family: 'chromium', displayName: 'Electron', majorVersion: 118 },
  chrome: { family: 'chromium', displayName: 'Chrome', majorVersion: 120 },
  chromium: { family: 'chromium', displayName: 'Chromium', majorVersion: 120 },
  edge: { family: 'chromium', displayName: 'Edge', majorVersion: 120 },
  firefox: { family: 'firefox', displayName: 'Firefox', majorVersion: 120 },
  webkit: { family: 'webkit', displayName: 'WebKit', majorVersion: 17 },
};
const browserName = (process.env.CYPRESS_ACCURACY_BROWSER || 'electron').toLowerCase();
const known = browsers[browserName] || { family: 'chromium', displayName: browserName, majorVersion: 0 };
const browser = {
  name: browserName,
  family: known.family,
  channel: 'stable',
  displayName: known.displayName,
  version: known.majorVersion + '.0.0',
  majorVersion: known.majorVersion,
  path: '',
  isHeadless: true,
  isHeaded: false,
};

// isBrowser is Cypress.isBrowser (packages/driver/src/cypress/browser.ts):
// a name, or an object of Cypress.browser's properties, each possibly
// negated with '!'; an array matches when one of its matchers does, or,
// when all are negations, when every one does.
function isBrowser(matcher) {
  const one = (m) => {
    let exclusive = false;
    const eq = (have, want) => {
      if (typeof want === 'string' && want.startsWith('!')) {
        exclusive = true;
        return have !== want.slice(1);
      }
      return have === want;
    };
    let isMatch;
    if (typeof m === 'string') {
      isMatch = eq(browser.name.toLowerCase(), m.toLowerCase());
    } else if (m !== null && typeof m === 'object') {
      isMatch = Object.keys(m).every((k) => eq(browser[k], m[k]));
    } else {
      throw new Error('Cypress.isBrowser() must be passed the name of a browser or an object to filter with');
    }
    return { isMatch, exclusive };
  };
  const result = [].concat(matcher === undefined ? '' : matcher).map(one).reduce((a, b) => {
    if (!a) return b;
    if (a.exclusive && b.exclusive) return { isMatch: a.isMatch && b.isMatch, exclusive: true };
    return { isMatch: a.isMatch || b.isMatch, exclusive: b.exclusive };
  }, null);
  return Boolean(result) && result.isMatch;
}

// The project's configuration: cypress.json (Cypress 9 and before) or
// cypress.config.* (10 and after, loaded as Cypress would, through the
// TypeScript loader the mode --requires first), with its e2e section over
// the top level.
function projectConfig() {
  const json = path.join(projectRoot, 'cypress.json');
  try {
    if (fs.existsSync(json)) return JSON.parse(fs.readFileSync(json, 'utf8'));
    for (const ext of ['ts', 'js', 'cjs', 'mts', 'mjs', 'cts']) {
      const file = path.join(projectRoot, 'cypress.config.' + ext);
      if (!fs.existsSync(file)) continue;
      const mod = require(file);
      const config = mod && mod.default !== undefined ? mod.default : mod;
      return config && typeof config === 'object' ? config : {};
    }
  } catch (e) {
    process.stderr.write('accuracy cypress: the project configuration does not load (' + String(e && e.message || e).split('\n')[0] + '); Cypress.config() and env() start empty\n');
  }
  return {};
}

// coerce is what Cypress makes of a CYPRESS_* variable's string.
function coerce(s) {
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s !== '' && !isNaN(Number(s))) return Number(s);
  try {
    const v = JSON.parse(s);
    if (v !== null && typeof v === 'object') return v;
  } catch (e) { /* a plain string */ }
  return s;
}

const file = projectConfig();
const config = Object.assign({}, file, file.e2e || {}, { browsers: [browser], testingType: 'e2e', isInteractive: false });
delete config.e2e;
const env = Object.assign({}, file.env || {}, (file.e2e || {}).env || {});
try {
  const envFile = path.join(projectRoot, 'cypress.env.json');
  if (fs.existsSync(envFile)) Object.assign(env, JSON.parse(fs.readFileSync(envFile, 'utf8')));
} catch (e) { /* as Cypress, a broken cypress.env.json is the run's error, not the listing's */ }
for (const [k, v] of Object.entries(process.env)) {
  const m = /^cypress_(.+)$/i.exec(k);
  if (m && !/^ACCURACY_/.test(m[1]) && !/^(INSTALL_BINARY|CACHE_FOLDER|RUN_BINARY|DOWNLOAD_MIRROR|VERIFY_TIMEOUT)$/i.test(m[1])) env[m[1]] = coerce(v);
}
if (process.env.CYPRESS_ACCURACY_ENV) Object.assign(env, JSON.parse(process.env.CYPRESS_ACCURACY_ENV));
config.env = env;

// keyed is Cypress.env and Cypress.config: () the whole object, (key) one
// value, (key, value) and (object) set.
function keyed(obj) {
  return function (key, value) {
    if (key === undefined) return obj;
    if (key !== null && typeof key === 'object') return Object.assign(obj, key);
    if (arguments.length > 1) {
      obj[key] = value;
      return value;
    }
    return obj[key];
  };
}

const noop = () => {};
let lodash;
try {
  lodash = require(require.resolve('lodash', { paths: [projectRoot] }));
} catch (e) {
  lodash = undefined;
}

const cypressBase = {
  version: '13.0.0',
  platform: process.platform,
  arch: process.arch,
  browser,
  testingType: 'e2e',
  env: keyed(env),
  config: keyed(config),
  isBrowser,
  browserMajorVersion: () => browser.majorVersion,
  isCy: () => false,
  spec: { name: '', relative: '', absolute: '', fileExtension: '', specType: 'integration' },
  currentRetry: 0,
  Commands: { add: noop, addAll: noop, overwrite: noop, addQuery: noop, overwriteQuery: noop },
  on: noop,
  once: noop,
  off: noop,
  removeListener: noop,
  removeAllListeners: noop,
  emit: noop,
  log: () => permissive(),
  Promise,
  Buffer,
};
if (lodash) cypressBase._ = lodash;
const Cypress = new Proxy(cypressBase, {
  get(target, key) {
    if (key in target) return target[key];
    if (typeof key === 'symbol') return undefined;
    target[key] = permissive();
    return target[key];
  },
});

global.Cypress = Cypress;
global.cy = permissive();
global.expect = permissive();
global.assert = permissive();
global.chai = permissive();

// Cypress' overload of the BDD functions for a test configuration.
const SKIPPED_DUE_TO_BROWSER = ' (skipped due to browser)';

function isObject(v) {
  return v != null && (typeof v === 'object' || typeof v === 'function');
}

function overload(name, context) {
  const fn = context[name];
  if (typeof fn !== 'function') return;
  const replacement = (sub) => function (...args) {
    const orig = sub ? fn[sub] : fn;
    if (args.length > 2 && isObject(args[1])) {
      const testConfig = Object.assign({}, args[1]);
      const mochaArgs = [args[0], args[2]];
      if (testConfig.browser != null && !isBrowser(testConfig.browser)) {
        mochaArgs[0] = `${args[0]}${SKIPPED_DUE_TO_BROWSER}`;
        if (sub === 'only') {
          // Focused, and skipped when it runs.
          mochaArgs[1] = function () {
            this.skip();
          };
          const runnable = orig.apply(this, mochaArgs);
          if (runnable) runnable.pending = true;
          return runnable;
        }
        return fn.skip.apply(this, mochaArgs);
      }
      return orig.apply(this, mochaArgs);
    }
    return orig.apply(this, args);
  };
  context[name] = replacement();
  context[name].only = replacement('only');
  context[name].skip = replacement('skip');
  if (context['x' + name]) context['x' + name] = context[name].skip;
}

const bdd = Mocha.interfaces.bdd;
Mocha.interfaces.bdd = function (suite) {
  const ret = bdd.apply(this, arguments);
  suite.on('pre-require', (context, file) => {
    for (const name of ['it', 'specify', 'describe', 'context']) overload(name, context);
    if (file) {
      const relative = path.relative(projectRoot, file).split(path.sep).join('/');
      Object.assign(cypressBase.spec, {
        name: path.basename(file),
        relative,
        absolute: file,
        fileExtension: path.extname(file),
      });
    }
  });
  return ret;
};
