package com.acme.calc

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class CalculatorSpec : FunSpec({
    test("adds numbers") {
        (1 + 1) shouldBe 2
    }

    test("disabled by config").config(enabled = false) {
    }

    xtest("disabled by x") {
    }

    test("!disabled by bang") {
    }

    test("runs conditionally").config(enabledIf = { System.getenv("CI") != null }) {
    }

    context("division") {
        test("by one") { }
        xtest("by zero") { }
        context("nested") {
            test("deep") { }
        }
    }

    xcontext("skipped context") {
        test("inherits skip") { }
    }

    fcontext("focused context") {
        test("inherits focus") { }
        xtest("stays skipped") { }
    }

    listOf(1, 2).forEach { n ->
        test("dynamic $n") { }
    }

    // test("commented") { }
    val s = "test(\"in a string\") { }"
})
