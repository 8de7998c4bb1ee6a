package io.iterdemo.lifecycle;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The clean part of {@code --default-signals} (the exit-143 lesson): SIGTERM, SIGINT and SIGHUP keep the JVM's
 * defaults, as in a Java program that installs no handler, so the JVM runs its shutdown hooks and then exits
 * 128+signal (143, 130, 129), a status systemd counts as a failure unless {@code SuccessExitStatus=} lists it.
 * This hook shows that the program itself still stopped cleanly.
 *
 * <p>It does not write the stop line itself: it asks the main loop to stop through the {@link SignalInbox}, as a
 * handled signal would, and waits for the loop to say it has finished. The loop's own thread then writes
 * {@code [stop]} and sends STOPPING=1, so no tick can land after the stop line, and the JVM, which halts as soon
 * as its hooks return, does not cut the loop short. The wait is bounded: a hook that never returns would keep
 * the process alive until systemd's SIGKILL.
 */
public final class ShutdownHook {
    /** How the inbox names this stop request, where it would name a signal. */
    public static final String ORIGIN = "shutdown hook";

    /** Longer than the loop ever takes to write one line and send one datagram. */
    private static final long WAIT_SECONDS = 5;

    private final SignalInbox inbox;
    private final CountDownLatch loopEnded = new CountDownLatch(1);

    private ShutdownHook(SignalInbox inbox) {
        this.inbox = inbox;
    }

    /** Registers the hook with the JVM; call {@link #loopEnded()} once the main loop has returned, whatever the outcome. */
    public static ShutdownHook register(SignalInbox inbox) {
        ShutdownHook hook = new ShutdownHook(inbox);
        Runtime.getRuntime().addShutdownHook(new Thread(new Task(hook), "shutdown-hook"));
        return hook;
    }

    /**
     * The main loop is over: the hook has nothing to wait for (the JVM is exiting because the loop returned,
     * for instance with 74 after a failed write, not because of a signal).
     */
    public void loopEnded() {
        loopEnded.countDown();
    }

    private void run() throws InterruptedException {
        if (loopEnded.getCount() == 0) {
            return;
        }
        inbox.stop(ORIGIN);
        loopEnded.await(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A named class, not a lambda, as in {@link SignalInbox}. */
    private static final class Task implements Runnable {
        private final ShutdownHook hook;

        Task(ShutdownHook hook) {
            this.hook = hook;
        }

        @Override
        public void run() {
            try {
                hook.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
