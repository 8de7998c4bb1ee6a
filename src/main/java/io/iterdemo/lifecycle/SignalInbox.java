package io.iterdemo.lifecycle;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM, SIGINT and SIGHUP into requests the main loop picks up, instead of the JVM's defaults
 * (SIGTERM and SIGINT run shutdown hooks and exit 143 or 130, which systemd counts as failures; SIGHUP
 * is ignored at best), and SIGUSR1 into a request to hang on purpose (the watchdog lesson), instead of the
 * kernel's default, which kills the process. The JVM leaves SIGUSR1 to applications (HotSpot on Linux keeps
 * SIGUSR2 for suspending its own threads, and SIGQUIT for thread dumps).
 *
 * <p>The JDK runs each handler on a short-lived thread; the handler only records the signal and wakes the
 * main loop, which does the work on its own thread, so nothing races with a half-written line.
 * {@code sun.misc.Signal} lives in the {@code jdk.unsupported} module, which is exported for exactly this
 * use and present in every JDK from 9 to today.
 */
public final class SignalInbox {
    /** What the main loop is asked to do, the stop request taking precedence, then the hang. */
    public enum Request { STOP, HANG, RELOAD }

    private final boolean handlesSignals;
    private String stopSignal;
    private boolean hangRequested;
    private boolean hangDelivered;
    private int pendingReloads;

    private SignalInbox(boolean handlesSignals) {
        this.handlesSignals = handlesSignals;
    }

    /** Installs the handlers. Call it first thing in main, so that no early signal gets the JVM default. */
    public static SignalInbox install() {
        SignalInbox inbox = new SignalInbox(true);
        Handler handler = new Handler(inbox);
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
        Signal.handle(new Signal("HUP"), handler);
        Signal.handle(new Signal("USR1"), handler);
        return inbox;
    }

    /**
     * An inbox no signal reaches: the JVM keeps its defaults (--default-signals). Only a {@link ShutdownHook}
     * posts to it.
     */
    public static SignalInbox withoutHandlers() {
        return new SignalInbox(false);
    }

    /** Whether signals come here ({@link #install()}) or go to the JVM's defaults ({@link #withoutHandlers()}). */
    public boolean handlesSignals() {
        return handlesSignals;
    }

    /** A named class, not a lambda: the first lambda of a JVM costs milliseconds of bootstrap at start-up. */
    private static final class Handler implements SignalHandler {
        private final SignalInbox inbox;

        Handler(SignalInbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public void handle(Signal signal) {
            if (signal.getName().equals("HUP")) {
                inbox.reload();
            } else if (signal.getName().equals("USR1")) {
                inbox.hang();
            } else {
                inbox.stop("SIG" + signal.getName());
            }
        }
    }

    /** Asks to stop; {@code signal} names who asked, a signal ("SIGTERM") or {@link ShutdownHook#ORIGIN}. */
    synchronized void stop(String signal) {
        if (stopSignal == null) {
            stopSignal = signal;
        }
        notifyAll();
    }

    private synchronized void hang() {
        hangRequested = true;
        notifyAll();
    }

    private synchronized void reload() {
        pendingReloads++;
        notifyAll();
    }

    /**
     * Waits until a signal arrives or {@link System#nanoTime()} reaches {@code deadlineNanos}, and returns the
     * request, or null at the deadline. A stop is returned again on every call once received.
     */
    public synchronized Request awaitUntil(long deadlineNanos) throws InterruptedException {
        while (true) {
            if (stopSignal != null) {
                return Request.STOP;
            }
            if (hangRequested && !hangDelivered) {
                // Once: hanging is a state the loop enters, a second SIGUSR1 adds nothing.
                hangDelivered = true;
                return Request.HANG;
            }
            if (pendingReloads > 0) {
                // Several SIGHUPs before the loop wakes up need a single reopen.
                pendingReloads = 0;
                return Request.RELOAD;
            }
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return null;
            }
            wait(remaining / 1_000_000, (int) (remaining % 1_000_000));
        }
    }

    /** The name of the signal that asked to stop ({@link ShutdownHook#ORIGIN} for the hook), or null. */
    public synchronized String stopSignal() {
        return stopSignal;
    }
}
