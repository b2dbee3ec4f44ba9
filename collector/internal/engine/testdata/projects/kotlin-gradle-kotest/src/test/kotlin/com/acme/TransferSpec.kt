package com.acme

class TransferSpec : BaseSpec({
    test("moves money between wallets") { }
    context("when the source is empty") {
        test("fails") { }
    }
})
