// A helper in the test folder: no tests, not reported.
exports.fixture = (name) => require(`./fixtures/${name}.json`);
