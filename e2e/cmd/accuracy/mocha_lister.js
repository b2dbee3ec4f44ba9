// Lists what Mocha would run, without running it, as a Jest-style JSON report
// (testResults[].assertionResults[] with ancestorTitles, title and location)
// that the accuracy command reads like Jest's and Vitest's.
//
// Given to Mocha's own CLI twice, so that the package's own configuration
// (.mocharc, package.json, spec globs, ui, --require) decides what is loaded:
//
//	mocha [the package's arguments] --require THIS --reporter THIS
//
// As a --require module it makes loading tolerant and records where each
// test is declared; as the reporter (built once every file is loaded, before
// anything runs) it writes the report to $MOCHA_ACCURACY_OUT and exits, so no
// hook or test runs. Mocha versions 6 to 12.
'use strict';

const fs = require('fs');
const path = require('path');
const url = require('url');

Error.stackTraceLimit = 100;

// mochaRoot is the folder of the mocha package running this process.
function mochaRoot() {
  let dir = path.dirname(fs.realpathSync(process.argv[1]));
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        if (JSON.parse(fs.readFileSync(pj, 'utf8')).name === 'mocha') return dir;
      } catch (e) { /* keep looking */ }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('accuracy lister: not run by mocha (' + process.argv[1] + ')');
    dir = up;
  }
}

const root = mochaRoot();
// Mocha 12 is an ES module with a CommonJS build of its core.
const Mocha = require(path.join(root, 'lib', fs.existsSync(path.join(root, 'lib', 'mocha.cjs')) ? 'mocha.cjs' : 'mocha.js'));
const Suite = Mocha.Suite;

const failed = new Map(); // absolute file → why it did not load

// Where a test is declared: the innermost stack frame outside mocha, its
// dependencies and this file — the `it(` call as written, in the file that
// writes it (a suite file can require others inside a describe, and Mocha
// then gives their tests the outer file), or the call of a helper from
// node_modules (RuleTester.run, mocha-eslint's lint) in the test file.
function frames() {
  const out = [];
  for (const line of new Error().stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^()\s][^()]*?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    let file = m[1].replace(/^at\s+/, '');
    if (file.startsWith('file://')) file = url.fileURLToPath(file);
    out.push({ file, line: +m[2], column: +m[3] });
  }
  return out;
}

const addTest = Suite.prototype.addTest;
Suite.prototype.addTest = function (test) {
  const loc = frames().find((f) => path.isAbsolute(f.file) && !f.file.startsWith(root) &&
    f.file !== __filename && !f.file.includes(path.sep + 'node_modules' + path.sep));
  if (loc) {
    test.__accuracyLocation = { line: loc.line, column: loc.column };
    test.__accuracyFile = loc.file;
  }
  return addTest.call(this, test);
};

// Loading file by file, so that one file that does not load (a missing
// optional dependency) is recorded and the others still count.
function loadOne(mocha, file, viaImport) {
  file = path.resolve(file);
  const suite = mocha.suite;
  suite.emit('pre-require', global, file, mocha);
  const done = (exported) => {
    suite.emit('require', exported, file, mocha);
    suite.emit('post-require', global, file, mocha);
  };
  if (!viaImport) {
    try {
      done(require(file));
    } catch (e) {
      if (e && e.code === 'ERR_REQUIRE_ESM') return loadOne(mocha, file, true);
      failed.set(file, String(e && e.message || e).split('\n')[0]);
    }
    return Promise.resolve();
  }
  return import(url.pathToFileURL(file).href).then(done, (e) => {
    failed.set(file, String(e && e.message || e).split('\n')[0]);
  });
}

Mocha.prototype.loadFiles = function (fn) {
  for (const file of this.files) loadOne(this, file, false);
  if (fn) fn();
};
Mocha.prototype.loadFilesAsync = async function () {
  for (const file of this.files) await loadOne(this, file, false);
};

// The inventory's test conditions (a JSON array in the file
// $MOCHA_ACCURACY_CONDITIONS), evaluated as globals stand once the suite is
// loaded (its --require setup files run): true, false, or null where the
// expression cannot be evaluated here (a local variable of the test file).
function evaluateConditions() {
  const out = {};
  const file = process.env.MOCHA_ACCURACY_CONDITIONS;
  if (!file) return out;
  for (const c of JSON.parse(fs.readFileSync(file, 'utf8'))) {
    try {
      out[c] = !!(0, eval)('(' + c + ')');
    } catch (e) {
      out[c] = null;
    }
  }
  return out;
}

function Reporter(runner) {
  const byFile = new Map();
  const walk = (suite, titles) => {
    for (const t of suite.tests) {
      const file = t.__accuracyFile || t.file || '';
      if (!byFile.has(file)) byFile.set(file, []);
      byFile.get(file).push({
        ancestorTitles: titles,
        title: t.title,
        status: t.isPending() ? 'pending' : 'passed',
        location: t.__accuracyLocation || null,
      });
    }
    for (const s of suite.suites) walk(s, s.title === '' ? titles : titles.concat([s.title]));
  };
  walk(runner.suite, runner.suite.title ? [runner.suite.title] : []);
  const testResults = [];
  for (const [name, assertionResults] of byFile) {
    testResults.push({ name, status: 'passed', assertionResults });
  }
  for (const [name, message] of failed) {
    testResults.push({ name, status: 'failed', message, assertionResults: [] });
  }
  fs.writeFileSync(process.env.MOCHA_ACCURACY_OUT, JSON.stringify({ testResults, conditions: evaluateConditions() }));
  process.exit(0);
}

module.exports = Reporter;
