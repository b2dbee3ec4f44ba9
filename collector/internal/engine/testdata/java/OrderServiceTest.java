package com.acme.orders;

import static org.testng.Assert.assertEquals;

import org.testng.annotations.BeforeMethod;
import org.testng.annotations.DataProvider;
import org.testng.annotations.Test;

public class OrderServiceTest {

    private OrderService service;

    @BeforeMethod
    public void setUp() {
        service = new OrderService();
    }

    @Test
    public void createsOrder() {}

    @Test(groups = {"slow"}, description = "checks @Test(enabled = false) in a string")
    public void listsOrders() {}

    @Test(enabled = false)
    public void disabledOrder() {}

    @Test(dataProvider = "amounts")
    public void computesTax(int amount, int tax) {}

    @Test(invocationCount = 3, threadPoolSize = 2)
    public void concurrent() {}

    @DataProvider(name = "amounts")
    public Object[][] amounts() {
        return new Object[][] {{100, 20}, {50, 10}};
    }
}
