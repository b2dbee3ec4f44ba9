// Declares nothing itself: the imported generator declares its tests from a
// data file at run time. Reported with no test, and the reason.
const { generateCases } = require('./helpers/generate')

generateCases('formats from data', require('./fixtures/cases.json'))
