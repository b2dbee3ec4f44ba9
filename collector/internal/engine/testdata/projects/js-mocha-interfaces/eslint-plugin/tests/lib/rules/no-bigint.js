"use strict"

const RuleTester = require("eslint").RuleTester
const rule = require("../../../lib/rules/no-bigint.js")

new RuleTester({ parserOptions: { ecmaVersion: 2020 } }).run("no-bigint", rule, {
    valid: ["let n = 1", "let n = '1n'"],
    invalid: [
        {
            code: "let n = 1n",
            errors: ["ES2020 BigInt is forbidden."],
        },
    ],
})
