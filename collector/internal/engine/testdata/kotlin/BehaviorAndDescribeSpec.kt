package com.acme

import io.kotest.core.spec.style.BehaviorSpec
import io.kotest.core.spec.style.DescribeSpec
import io.kotest.core.spec.style.ShouldSpec

class WalletBehaviorSpec : BehaviorSpec({
    given("a broomstick") {
        `when`("I sit on it") {
            then("I should be able to fly") { }
            xthen("I should not fall") { }
        }
        When("I throw it away") {
            Then("it should come back") { }
        }
        and("it is raining") {
            then("it gets wet") { }
        }
    }
    xgiven("a disabled given") {
        then("skipped") { }
    }
})

class ParserDescribeSpec : DescribeSpec({
    describe("the parser") {
        it("parses numbers") { }
        xit("parses dates") { }
        context("with errors") {
            it("reports the line") { }
        }
    }
    xdescribe("disabled block") {
        it("does not run") { }
    }
    fdescribe("focused block") {
        it("runs alone") { }
    }
})

class MathShouldSpec : ShouldSpec({
    should("return the max") { }
    context("negative numbers") {
        should("work too") { }
        xshould("be skipped") { }
    }
})
