package org.example.generic;

public class StringTest extends Base<String> {
    @Override
    protected String make() {
        return "";
    }

    public void testMakesEmpty() {
        assertEquals("", make());
    }
}
