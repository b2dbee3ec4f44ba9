package org.example.coroutines.channels

import org.junit.Test
import kotlin.test.assertEquals

class ChannelsTest {
    @Test
    fun testSend() {
        assertEquals(1, 1)
    }

    @Test
    fun `receive after close`() {
    }
}
