'use strict'
// A tape file in a package whose other tests are Jest's (pino's browser
// tests): tape runs it, not Jest, so its framework is unknown, with the
// reason, and its tests are still reported.
const test = require('tape')

test('formats in the browser', ({ end, equal }) => {
  equal(1, 1)
  end()
})

test.skip('formats dates in the browser', () => {})
