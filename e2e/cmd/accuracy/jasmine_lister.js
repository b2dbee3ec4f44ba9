// Lists what Jasmine would run, without running it, as a Jest-style JSON
// report (testResults[].assertionResults[] with ancestorTitles, title and
// location) that the accuracy command reads like Jest's and Vitest's.
//
// Given to Jasmine's own CLI as one more helper, so that the package's own
// configuration (jasmine.json or --config, its helpers, spec_dir and
// spec_files, jsLoader, or the spec files of its test script) decides what is
// loaded:
//
//	jasmine [the package's arguments] --helper=THIS
//
// Helpers load before the spec files. This one wraps the env's it/xit/fit and
// describe/xdescribe/fdescribe to record each spec's suite path, status and
// declaration site, and replaces Jasmine#loadSpecs: it loads the spec files
// one by one, so that a file that does not load is recorded and the others
// still count, then writes the report to $JS_ACCURACY_OUT and exits
// before the env executes, so no hook or spec runs. Jasmine 2.x to 5.x.
'use strict';

const path = require('path');
const { packageRoot, declarationSite, writeReport } = require('./jslister_common.js');

// By absolute path: jasmine 5's package exports hide lib/, and the module
// cache keys on the resolved file, so this is the class the CLI uses.
const Jasmine = require(path.join(packageRoot('jasmine'), 'lib', 'jasmine.js'));
const cwd = process.cwd();

const specs = new Map();   // spec id → record, in declaration order
const suitePath = [];      // describe titles around the spec being declared
let excludedDepth = 0;     // xdescribe bodies around it
let focusedDepth = 0;      // fdescribe bodies around it
let focused = false;       // a fit or fdescribe exists: Jasmine runs only those
let loading = null;        // the spec file being loaded
let callSite = null;       // where the outermost global it/xit/fit was called
const failed = new Map();  // absolute file → why it did not load (fully)

// The env's methods record what is declared: the globals of every version
// call env.it(…) and friends at call time, and so does a package that
// declares through jasmine.getEnv(). Jasmine 2 and 3 implement xit by calling
// this.it, so the outermost wrapper (the last to record) wins. (Jasmine 5
// takes a spec's filename from a fixed stack depth, which the extra frame
// shifts; it is only reported after a run, and nothing runs here.)
function wrapEnv(env) {
  if (!env || env.__accuracyWrapped) return;
  env.__accuracyWrapped = true;
  for (const kind of ['it', 'xit', 'fit']) {
    const orig = env[kind];
    if (typeof orig !== 'function') continue;
    env[kind] = function (description, fn) {
      const site = callSite || declarationSite();
      const spec = orig.apply(this, arguments);
      const key = spec && spec.id !== undefined ? spec.id : Symbol('spec');
      let rec = specs.get(key);
      if (!rec) {
        rec = { spec };
        specs.set(key, rec);
      }
      if (kind === 'fit') focused = true;
      Object.assign(rec, {
        loading,
        site,
        suite: suitePath.slice(),
        title: String(description),
        pending: kind === 'xit' || excludedDepth > 0 || fn === undefined,
        focused: kind === 'fit' || focusedDepth > 0,
      });
      return spec;
    };
  }
  for (const kind of ['describe', 'xdescribe', 'fdescribe']) {
    const orig = env[kind];
    if (typeof orig !== 'function') continue;
    env[kind] = function (description, body) {
      if (typeof body !== 'function' || body.__accuracyBody) return orig.apply(this, arguments);
      if (kind === 'fdescribe') focused = true;
      const wrapped = function () {
        suitePath.push(String(description));
        if (kind === 'xdescribe') excludedDepth++;
        if (kind === 'fdescribe') focusedDepth++;
        try {
          return body.apply(this, arguments);
        } catch (e) {
          // Jasmine reports the suite as failed and keeps loading, with the
          // specs declared after the throw missing: the file's listing is
          // incomplete, so it counts as a file that did not load.
          if (loading && !failed.has(loading)) {
            failed.set(loading, 'describe "' + suitePath.join(' ') + '" threw: ' + String(e && e.message || e).split('\n')[0]);
          }
          throw e;
        } finally {
          suitePath.pop();
          if (kind === 'xdescribe') excludedDepth--;
          if (kind === 'fdescribe') focusedDepth--;
        }
      };
      // Jasmine rejects a body that takes arguments by its length.
      Object.defineProperty(wrapped, 'length', { value: body.length });
      wrapped.__accuracyBody = true;
      return orig.call(this, description, wrapped);
    };
  }
}

if (global.jasmine && typeof global.jasmine.getEnv === 'function') wrapEnv(global.jasmine.getEnv());

// A helper of the package's own can replace the global it with a wrapper
// (async support, retries …) written in the project, which would then be the
// innermost frame of every spec. Once every helper is loaded, the globals are
// wrapped once more, outermost: their caller is the `it(` as written, in the
// spec file or in a shared-examples function.
function wrapGlobals() {
  for (const kind of ['it', 'xit', 'fit']) {
    const orig = global[kind];
    if (typeof orig !== 'function' || orig.__accuracyGlobal) continue;
    const shim = function () {
      if (callSite) return orig.apply(this, arguments);
      callSite = declarationSite();
      try {
        return orig.apply(this, arguments);
      } finally {
        callSite = null;
      }
    };
    Object.assign(shim, orig);
    shim.__accuracyGlobal = true;
    global[kind] = shim;
  }
}

function loadFailed(file, e) {
  failed.set(file, String(e && e.message || e).split('\n')[0]);
}

// finish writes the report and exits, before Jasmine executes anything.
function finish(env) {
  // A --filter (the test script's selection) leaves specs out of the run.
  let filter = null;
  try {
    filter = (typeof env.configuration === 'function' && env.configuration().specFilter) || env.specFilter || null;
  } catch (e) { /* no filter */ }
  const byFile = new Map();
  for (const rec of specs.values()) {
    if (failed.has(rec.loading)) continue;
    try {
      if (filter && rec.spec && !filter(rec.spec)) continue;
    } catch (e) { /* a filter this lister cannot apply: keep the spec */ }
    // The site's file names the spec when it is in the project; else the
    // spec file that was loading, without a location in it.
    let file = rec.loading;
    let location = null;
    if (rec.site && (rec.site.file.startsWith(cwd + path.sep) || !file)) {
      file = rec.site.file;
      location = { line: rec.site.line, column: rec.site.column };
    }
    if (!file) {
      process.stderr.write('accuracy lister: no file for spec ' + rec.suite.concat([rec.title]).join(' > ') + '\n');
      continue;
    }
    if (!byFile.has(file)) byFile.set(file, []);
    byFile.get(file).push({
      ancestorTitles: rec.suite,
      title: rec.title,
      // Listed, not run: pending for xit, a spec without a body or one in an
      // xdescribe; skipped when a fit/fdescribe elsewhere leaves it out.
      status: rec.pending ? 'pending' : focused && !rec.focused ? 'skipped' : 'passed',
      location,
    });
  }
  writeReport(byFile, failed);
}

// Jasmine 3+ loads through _loadFiles (require or import, per its jsLoader
// setting and the file's extension) and awaits loadSpecs; Jasmine 2 requires
// each file and does not wait.
Jasmine.prototype.loadSpecs = function () {
  const env = this.env;
  wrapEnv(env);
  wrapGlobals();
  const files = this.specFiles.map((f) => path.resolve(f));
  if (typeof this._loadFiles !== 'function') {
    for (const file of files) {
      loading = file;
      try {
        require(file);
      } catch (e) {
        loadFailed(file, e);
      }
    }
    return finish(env);
  }
  return (async () => {
    for (const file of files) {
      loading = file;
      try {
        await this._loadFiles([file]);
      } catch (e) {
        loadFailed(file, e);
      }
    }
    finish(env);
  })();
};
