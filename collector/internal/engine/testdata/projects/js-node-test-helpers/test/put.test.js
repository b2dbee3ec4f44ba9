'use strict'

const t = require('node:test')
require('./helper').payloadMethod('put', t)

t.test('put with no route', () => {})
