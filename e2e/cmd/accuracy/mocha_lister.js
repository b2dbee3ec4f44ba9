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
// anything runs) it writes the report to $JS_ACCURACY_OUT and exits, so no
// hook or test runs. Mocha versions 6 to 12.
'use strict';

const fs = require('fs');
const path = require('path');
const url = require('url');
const { packageRoot, declarationSite, writeReport } = require('./jslister_common.js');

const root = packageRoot('mocha');
// Mocha 12 is an ES module with a CommonJS build of its core.
const Mocha = require(path.join(root, 'lib', fs.existsSync(path.join(root, 'lib', 'mocha.cjs')) ? 'mocha.cjs' : 'mocha.js'));
const Suite = Mocha.Suite;

const failed = new Map(); // absolute file → why it did not load

const addTest = Suite.prototype.addTest;
Suite.prototype.addTest = function (test) {
  // A suite file can require others inside a describe; Mocha then gives
  // their tests the outer file: the site names the file that writes them.
  const loc = declarationSite((file) => file.startsWith(root + path.sep));
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
  writeReport(byFile, failed);
}

module.exports = Reporter;
