'use strict'

// A test of the build, in a build folder inside the test folder: node --test
// runs it.
const { test } = require('node:test')

test('version matches package.json', () => {})
