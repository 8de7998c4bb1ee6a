package io.iterdemo.systemd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class MonotonicClockTest {

    /** /proc/uptime is CLOCK_BOOTTIME, which equals CLOCK_MONOTONIC on a machine that never suspended. */
    @Test
    void readsTheClockSystemdCompares() throws Exception {
        double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
        double monotonicSeconds = MonotonicClock.microseconds() / 1e6;
        assertTrue(Math.abs(uptimeSeconds - monotonicSeconds) < 60,
                "uptime " + uptimeSeconds + " s, CLOCK_MONOTONIC " + monotonicSeconds + " s");
    }
}
