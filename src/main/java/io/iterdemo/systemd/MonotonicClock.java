package io.iterdemo.systemd;

/**
 * CLOCK_MONOTONIC in microseconds, for sd_notify's {@code MONOTONIC_USEC=}.
 *
 * <p>On Linux, HotSpot's {@link System#nanoTime()} is {@code clock_gettime(CLOCK_MONOTONIC)} without an
 * offset (os_linux.cpp), so it is the clock systemd compares with; a unit test checks it against
 * /proc/uptime, which reads the same clock.
 */
public final class MonotonicClock {
    private MonotonicClock() {
    }

    public static long microseconds() {
        return System.nanoTime() / 1_000;
    }
}
