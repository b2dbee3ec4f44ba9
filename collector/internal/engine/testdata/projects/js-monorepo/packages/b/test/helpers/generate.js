// Declares one test per row of a data file the caller names (parse5's
// test/utils/generate-*.ts): the rows are read at run time.
module.exports.generateCases = function generateCases(name, rows) {
  describe(name, () => {
    for (const row of rows) {
      it(row.title, () => {})
    }
  })
}
