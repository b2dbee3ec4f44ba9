'use strict'

// Shared tests, declared by each test file that calls payloadMethod with
// node:test's default export (fastify's test/helper.js): node reports them
// here, at these lines.
module.exports.sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

module.exports.payloadMethod = function (method, t) {
  const test = t.test
  const upMethod = method.toUpperCase()

  test(`${upMethod} can be created`, (t) => {
    t.assert.ok(method)
  })

  test('rejects an empty body', async (t) => {
    // a subtest made in a test body is not declared
    await t.test('inner', () => {})
  })
}

// Not a test function: a regular expression's test.
const pattern = /x/
module.exports.matches = (s) => pattern.test(s)
