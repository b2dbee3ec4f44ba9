// Shared setup loaded by jest.config.js; its name matches *.test-utils, not *.test.*.
global.flushPromises = () => new Promise((r) => setImmediate(r));
