package com.acme

fun richWallet() = Wallet(1_000)
