// The node:test lister: a test reporter (--test-reporter) in the process
// that runs `node --test`. The accuracy command runs the suite with a name
// pattern nothing matches, so node loads every file and declares every
// suite and test — describe bodies run, test bodies do not — and reports
// each test as skipped with its name, nesting and declaration site. This
// reporter rebuilds each file's tree from those events and writes it as a
// Jest-style report (./jslister_common.js).
'use strict';

const path = require('path');
const { writeReport } = require('./jslister_common.js');

// A skip for any reason but the pattern is the test's own status.
const patternSkip = 'test name does not match pattern';

module.exports = async function* lister(source) {
  const byFile = new Map(); // file → results
  const failed = new Map(); // file → why it did not load
  const paths = new Map(); // file → the titles of the suites open at each nesting
  for await (const ev of source) {
    const d = ev.data || {};
    if (!d.file) continue;
    if (ev.type === 'test:start') {
      const p = paths.get(d.file) || [];
      p.length = d.nesting;
      p.push(d.name);
      paths.set(d.file, p);
      continue;
    }
    if (ev.type !== 'test:pass' && ev.type !== 'test:fail') continue;
    const details = d.details || {};
    if (details.type === 'suite') continue;
    if (d.nesting === 0 && path.resolve(d.name) === d.file) {
      // node reports a file itself as a test named after it when the file
      // declares none (a helper module under test/, which node's default
      // patterns take for a test file), or when it fails (it threw while
      // loading, or its process exited).
      if (ev.type === 'test:fail') failed.set(d.file, String((details.error && details.error.message) || details.error || 'failed'));
      continue;
    }
    const ancestors = (paths.get(d.file) || []).slice(0, d.nesting);
    let status = 'passed';
    if (d.todo !== undefined && d.todo !== false) status = 'todo';
    else if (d.skip !== undefined && d.skip !== false && d.skip !== patternSkip) status = 'pending';
    if (!byFile.has(d.file)) byFile.set(d.file, []);
    byFile.get(d.file).push({ ancestorTitles: ancestors, title: d.name, status, location: { line: d.line, column: d.column } });
  }
  for (const f of failed.keys()) byFile.delete(f);
  writeReport(byFile, failed);
};
