package io.iterdemo.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WatchdogTest {

    @Test
    void pingsAtHalfTheTimeout() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), Watchdog.pingInterval(Map.of("WATCHDOG_USEC", "10000000"), 42));
    }

    @Test
    void pingsWhenTheWatchdogPidIsOurs() {
        assertEquals(Optional.of(Duration.ofMillis(100)),
                Watchdog.pingInterval(Map.of("WATCHDOG_USEC", "200000", "WATCHDOG_PID", "42"), 42));
    }

    @Test
    void staysSilentWhenTheWatchdogIsMeantForAnotherProcess() {
        assertEquals(Optional.empty(), Watchdog.pingInterval(Map.of("WATCHDOG_USEC", "200000", "WATCHDOG_PID", "7"), 42));
    }

    @Test
    void staysSilentWithoutOrWithAnUnusableTimeout() {
        assertEquals(Optional.empty(), Watchdog.pingInterval(Map.of(), 42));
        assertEquals(Optional.empty(), Watchdog.pingInterval(Map.of("WATCHDOG_USEC", "0"), 42));
        assertEquals(Optional.empty(), Watchdog.pingInterval(Map.of("WATCHDOG_USEC", "soon"), 42));
    }
}
