package com.acme

class Wallet(var balance: Int = 0) {
    fun deposit(amount: Int) {
        require(amount > 0)
        balance += amount
    }
}
