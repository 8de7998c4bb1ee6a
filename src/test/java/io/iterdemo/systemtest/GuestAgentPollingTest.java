package io.iterdemo.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GuestAgentPollingTest {
    private static long capAfter(Duration running) {
        return GuestAgent.pollCapMillis(running.toNanos());
    }

    @Test
    void pollsAShortCommandEveryTenthOfASecondAndALongOneAtMostEverySecond() {
        assertEquals(100, capAfter(Duration.ofMillis(300)));
        assertEquals(100, capAfter(Duration.ofSeconds(2)));
        assertEquals(500, capAfter(Duration.ofSeconds(10)), "a twentieth of the time the command has run");
        assertEquals(1000, capAfter(Duration.ofSeconds(20)));
        assertEquals(1000, capAfter(Duration.ofMinutes(5)));
    }
}
