package io.iterdemo.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SimulatedLeakTest {

    @Test
    void retainsExactlyLeakMoreBytesEveryTick() {
        SimulatedLeak leak = new SimulatedLeak((3L << 20) + 5);
        leak.grow();
        assertEquals((3L << 20) + 5, leak.retainedBytes());
        leak.grow();
        assertEquals((6L << 20) + 10, leak.retainedBytes());
    }

    @Test
    void retainsNothingWhenLeakIsZero() {
        SimulatedLeak leak = new SimulatedLeak(0);
        leak.grow();
        assertEquals(0, leak.retainedBytes());
    }
}
