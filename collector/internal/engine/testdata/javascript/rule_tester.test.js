/**
 * An ESLint plugin's rule test: RuleTester.run declares the tests; the file
 * calls no test function itself.
 */
"use strict"

const RuleTester = require("eslint").RuleTester
const rule = require("../../lib/rules/no-optional-chaining")

const ruleTester = new RuleTester({ parserOptions: { ecmaVersion: 2020 } })

ruleTester.run("no-optional-chaining", rule, {
    valid: [
        "var x = a.b",
        `foo[bar]
.baz`,
        { code: "a?.b", options: [{ ignore: true }] },
        { name: "named case", code: "x" },
        "tab\there",
        someComputedCase(),
    ],
    invalid: [
        {
            code: "a?.b",
            errors: ["ES2020 optional chaining is forbidden."],
        },
    ],
})

// A tester made and used at once, and a test object built elsewhere.
new RuleTester().run("no-bigint", require("../../lib/rules/no-bigint"), {
    valid: ["1n + 2"],
    invalid: [],
})
ruleTester.run("from-a-table", rule, tests)

// A subclass that hands RuleTester the runner's describe and it (Gitea).
class VitestRuleTester extends RuleTester {
    static describe = describe
    static it = it
}
new VitestRuleTester().run("subclass-rule", rule, { valid: ["y"], invalid: [] })

// Not a RuleTester: a runner of something else.
const runner = new TaskRunner()
runner.run("not a test", rule, { valid: ["x"] })
