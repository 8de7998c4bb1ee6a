package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.NotifyReceiver;

/**
 * {@code iterdemo --default-signals}, the exit-143 lesson: the JVM's own handling of SIGTERM, SIGINT and SIGHUP
 * (shutdown hooks, then 128+signal), with a hook that still stops the tick logger cleanly.
 */
class DefaultSignalsIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Every signal at its default disposition, as systemd starts a service. A shell or build tool that runs the
     * tests in the background may have left SIGINT ignored, and the JVM keeps an ignored SIGINT ignored.
     */
    static final List<String> DEFAULT_DISPOSITIONS = List.of("env", "--default-signal");

    @TempDir
    Path dir;

    private Daemon start(Map<String, String> env) throws Exception {
        return Daemon.start(dir, env, DEFAULT_DISPOSITIONS, "--default-signals");
    }

    @ParameterizedTest
    @CsvSource({"TERM, 143", "INT, 130", "HUP, 129"})
    void exitsWith128PlusTheSignalAfterTheShutdownHookWritesTheStopLine(String signal, int status) throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = start(Map.of("LOGFILE", log.toString(), "INTERVAL", "3600"))) {
            daemon.awaitLines(log, l -> TickLoggerIT.ticks(l, 1), WAIT, "the first tick");
            daemon.signal(signal);
            assertEquals(status, daemon.waitForExit(WAIT));
            List<String> lines = Files.readAllLines(log);
            assertEquals(3, lines.size(), lines::toString);
            assertTrue(TickLoggerIT.STOP.matcher(lines.get(2)).matches(), lines.get(2));
            assertTrue(daemon.stdout().endsWith(lines.get(2) + "\n"
                    + "shutdown hook: stopped after 1 ticks; the JVM exits 128+signal (143 for SIGTERM)\n"), daemon.stdout());
            assertEquals("", daemon.stderr());
        }
    }

    @Test
    void saysStoppingFromTheShutdownHook() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = start(Map.of("LOGFILE", log.toString(), "INTERVAL", "3600", "NOTIFY_SOCKET", systemd.name()))) {
            systemd.await(m -> m.startsWith("READY=1"), WAIT, "READY=1");
            daemon.signal("TERM");
            assertEquals(143, daemon.waitForExit(WAIT));
            assertEquals("STOPPING=1\nSTATUS=Stopping in the JVM's shutdown hook after 1 tick",
                    systemd.await(m -> m.startsWith("STOPPING=1"), WAIT, "STOPPING=1"));
        }
    }

    @Test
    void leavesSigusr1ToItsDefaultWhichKillsWithoutAStopLine() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = start(Map.of("LOGFILE", log.toString(), "INTERVAL", "3600"))) {
            daemon.awaitLines(log, l -> TickLoggerIT.ticks(l, 1), WAIT, "the first tick");
            daemon.signal("USR1");
            assertEquals(128 + 10, daemon.waitForExit(WAIT));
            assertEquals(2, Files.readAllLines(log).size(), "no hang, no shutdown hook: killed");
        }
    }

    @Test
    void exitsWithItsOwnStatusWithoutWaitingWhenTheLoopEndsFirst() throws Exception {
        // The hook runs at every exit; after a failed write it must not wait for a loop that is already over.
        try (Daemon daemon = start(Map.of("LOGFILE", "/dev/full"))) {
            assertEquals(74, daemon.waitForExit(Duration.ofSeconds(4)));
            assertEquals("iterdemo: cannot write to LOGFILE /dev/full: No space left on device\n", daemon.stderr());
        }
    }

    @Test
    void takesNoOtherArgument() throws Exception {
        try (Daemon daemon = Daemon.start(dir, Map.of(), "--default-signals", "extra")) {
            assertEquals(64, daemon.waitForExit(WAIT));
            assertEquals("iterdemo: unknown argument \"extra\"; see iterdemo --help\n", daemon.stderr());
        }
    }
}
