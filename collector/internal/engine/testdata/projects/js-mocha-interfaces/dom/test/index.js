// Built from files at run time: nothing is declared here.
exports.w3c = require('./w3c');
