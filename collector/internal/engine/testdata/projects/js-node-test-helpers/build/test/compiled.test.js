// Build output at the project's top: never the project's own tests.
const { test } = require('node:test')

test('compiled copy', () => {})
