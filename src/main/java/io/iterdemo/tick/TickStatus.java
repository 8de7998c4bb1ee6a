package io.iterdemo.tick;

import io.iterdemo.config.TickConfig;

/** The human sentences sent as sd_notify STATUS=, shown by {@code systemctl status} under the unit name. */
final class TickStatus {
    private final TickConfig config;

    TickStatus(TickConfig config) {
        this.config = config;
    }

    String ticking(long ticks) {
        return "Ticking every " + config.intervalText() + " s into " + config.logFile() + ", "
                + ticks + (ticks == 1 ? " tick" : " ticks") + " written";
    }

    String reloading() {
        return "Reopening " + config.logFile();
    }

    String hung() {
        return "Hung on purpose (SIGUSR1): no more ticks, no more watchdog pings";
    }

    String stopping(String signal, long ticks) {
        return "Stopping on " + signal + " after " + ticks + (ticks == 1 ? " tick" : " ticks");
    }

    String stoppingInShutdownHook(long ticks) {
        return "Stopping in the JVM's shutdown hook after " + ticks + (ticks == 1 ? " tick" : " ticks");
    }
}
