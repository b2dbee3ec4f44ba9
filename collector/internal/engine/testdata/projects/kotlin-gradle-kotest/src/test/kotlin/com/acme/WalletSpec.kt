package com.acme

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.DescribeSpec
import io.kotest.matchers.shouldBe

class WalletSpec : DescribeSpec({
    describe("deposit") {
        it("adds to the balance") {
            val w = Wallet()
            w.deposit(5)
            w.balance shouldBe 5
        }
        it("rejects zero") {
            shouldThrow<IllegalArgumentException> { Wallet().deposit(0) }
        }
        xit("rejects overflow") { }
    }
})
