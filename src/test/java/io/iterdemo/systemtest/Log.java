package io.iterdemo.systemtest;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Progress and timings of the system-test harness, on stderr so they show in the Maven output. */
final class Log {
    private Log() {
    }

    static void info(String message) {
        System.err.println("[systemtest] " + message);
    }

    /** Runs {@code action} and logs how long it took, whether it succeeded or not. */
    static <T> T timed(String what, Callable<T> action) throws Exception {
        long started = System.nanoTime();
        boolean ok = false;
        try {
            T value = action.call();
            ok = true;
            return value;
        } finally {
            info(what + (ok ? " took " : " failed after ") + seconds(Duration.ofNanos(System.nanoTime() - started)));
        }
    }

    static String seconds(Duration duration) {
        return String.format("%.2f s", duration.toNanos() / 1e9);
    }
}
