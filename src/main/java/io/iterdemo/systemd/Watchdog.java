package io.iterdemo.systemd;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The service watchdog of sd_watchdog_enabled(3): when {@code WatchdogSec=} is set, systemd passes
 * {@code WATCHDOG_USEC} (and {@code WATCHDOG_PID}, the process meant to ping). The daemon must send
 * {@code WATCHDOG=1} more often than that; like libsystemd's callers, it pings at half the timeout.
 */
public final class Watchdog {
    private Watchdog() {
    }

    /**
     * How often to ping, or empty when no watchdog is asked of this process: {@code WATCHDOG_USEC} unset,
     * not a positive integer, or {@code WATCHDOG_PID} naming another process.
     */
    public static Optional<Duration> pingInterval(Map<String, String> env, long ourPid) {
        String usec = env.get("WATCHDOG_USEC");
        if (usec == null) {
            return Optional.empty();
        }
        String pid = env.get("WATCHDOG_PID");
        if (pid != null && !pid.equals(Long.toString(ourPid))) {
            return Optional.empty();
        }
        try {
            long timeout = Long.parseLong(usec);
            return timeout > 0 ? Optional.of(Duration.ofNanos(timeout * 1_000 / 2)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
