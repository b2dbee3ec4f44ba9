// What the Mocha and Jasmine listers share (written beside them, required as
// ./jslister_common.js): finding the runner's package, the declaration site
// of a test from the stack, and writing the Jest-style report the accuracy
// command reads like Jest's and Vitest's, with the inventory's conditions
// evaluated in the runner's process once the suite is loaded.
'use strict';

const fs = require('fs');
const path = require('path');
const url = require('url');

Error.stackTraceLimit = 100;

// packageRoot is the folder of the package named name that runs this
// process (its bin is process.argv[1]).
function packageRoot(name) {
  let dir = path.dirname(fs.realpathSync(process.argv[1]));
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        if (JSON.parse(fs.readFileSync(pj, 'utf8')).name === name) return dir;
      } catch (e) { /* keep looking */ }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('accuracy lister: not run by ' + name + ' (' + process.argv[1] + ')');
    dir = up;
  }
}

// declarationSite is where the test being declared is written: the
// innermost stack frame outside the runner, its dependencies and the listers
// — the `it(` call as written, in the file that writes it, or the call of a
// helper from node_modules (RuleTester.run, mocha-eslint's lint) in the test
// file. skip, when given, leaves out more files.
function declarationSite(skip) {
  for (const line of new Error().stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^()\s][^()]*?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    let file = m[1].replace(/^at\s+/, '');
    if (file.startsWith('file://')) file = url.fileURLToPath(file);
    if (!path.isAbsolute(file) || file.startsWith(__dirname + path.sep) ||
      file.includes(path.sep + 'node_modules' + path.sep) || (skip && skip(file))) continue;
    return { file, line: +m[2], column: +m[3] };
  }
  return null;
}

// commonLocals are the names test files bind to Node's own modules
// (const os = require('node:os')): a condition naming them means them.
const commonLocals = { os: require('os'), path: require('path'), fs, util: require('util') };

// evaluateConditions evaluates the inventory's test conditions (a JSON array
// in the file $JS_ACCURACY_CONDITIONS) as globals stand once the suite is
// loaded (its setup files and helpers run), with commonLocals bound: true,
// false, or null where the expression cannot be evaluated here (another
// local variable of a test file).
function evaluateConditions() {
  const out = {};
  const file = process.env.JS_ACCURACY_CONDITIONS;
  if (!file) return out;
  const names = Object.keys(commonLocals);
  for (const c of JSON.parse(fs.readFileSync(file, 'utf8'))) {
    try {
      out[c] = !!new Function(...names, 'return (' + c + ')')(...names.map((n) => commonLocals[n]));
    } catch (e) {
      out[c] = null;
    }
  }
  return out;
}

// writeReport writes the report to $JS_ACCURACY_OUT and exits, before the
// runner runs anything: byFile maps a test file to its results
// ({ancestorTitles, title, status, location}), failed a file that did not
// load to why.
function writeReport(byFile, failed) {
  const testResults = [];
  for (const [name, assertionResults] of byFile) {
    testResults.push({ name, status: 'passed', assertionResults });
  }
  for (const [name, message] of failed) {
    testResults.push({ name, status: 'failed', message, assertionResults: [] });
  }
  fs.writeFileSync(process.env.JS_ACCURACY_OUT, JSON.stringify({ testResults, conditions: evaluateConditions() }));
  process.exit(0);
}

module.exports = { packageRoot, declarationSite, writeReport };
