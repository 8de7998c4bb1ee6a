package io.iterdemo.systemtest;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * Bounded polling: waits for a condition on the guest instead of sleeping a guessed time.
 * On timeout it fails with what was awaited and what was last seen.
 */
public final class Await {
    /** Between probes; each probe is itself a guest round trip of about 0.1 s. */
    private static final Duration PAUSE = Duration.ofMillis(200);

    private Await() {
    }

    /**
     * Calls {@code probe} until its value satisfies {@code done} and returns that value.
     * A probe that throws counts as not done yet; the last exception becomes the cause.
     */
    public static <T> T until(String description, Duration timeout, Callable<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        T last = null;
        Exception lastError = null;
        int probes = 0;
        while (true) {
            probes++;
            try {
                last = probe.call();
                lastError = null;
                if (done.test(last)) {
                    Log.info("awaited " + description + " for " + Log.seconds(Duration.ofNanos(System.nanoTime() - started)));
                    return last;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError failure = new AssertionError("timed out after " + Log.seconds(timeout)
                        + " (" + probes + " probes) waiting for " + description
                        + "\nlast observed: " + (lastError != null ? lastError : last));
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            Thread.sleep(PAUSE.toMillis());
        }
    }

    /** Waits until {@code condition} returns true. */
    public static void until(String description, Duration timeout, Callable<Boolean> condition)
            throws InterruptedException {
        until(description, timeout, condition, Boolean.TRUE::equals);
    }
}
