package com.acme.orders

import org.testng.annotations.DataProvider
import org.testng.annotations.Test

class OrderServiceTestNGTest {
    @Test
    fun createsOrder() {}

    @Test(enabled = false)
    fun disabled() {}

    @Test(dataProvider = "amounts")
    fun tax(amount: Int) {}

    @DataProvider(name = "amounts")
    fun amounts(): Array<Array<Any>> = arrayOf(arrayOf(1), arrayOf(2))
}
