package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;

/** LEAK, the memory lesson: the heap fills up tick by tick until the JVM gives up; the log keeps every line. */
class SimulatedLeakIT {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final Map<String, String> LEAKING = Map.of("LEAK", "2M", "INTERVAL", "0.05");

    @TempDir
    Path dir;

    private Map<String, String> leakingInto(Path log) {
        Map<String, String> env = new java.util.HashMap<>(LEAKING);
        env.put("LOGFILE", log.toString());
        return env;
    }

    /** Each line whole, the start line first, ticks after it, and several of them: the leak took some ticks. */
    private static void assertEveryLineWhole(Path log) throws Exception {
        String content = Files.readString(log);
        assertTrue(content.endsWith("\n"), "the file ends with a whole line");
        List<String> lines = List.of(content.split("\n"));
        assertTrue(TickLoggerIT.START.matcher(lines.get(0)).matches(), lines.get(0));
        lines.subList(1, lines.size()).forEach(line -> assertTrue(TickLoggerIT.TICK.matcher(line).matches(), line));
        assertTrue(lines.size() >= 3, "a few ticks before the heap ran out: " + lines);
    }

    @Test
    void saysOnceAtStartThatItLeaks() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "LEAK", "4M", "INTERVAL", "3600"))) {
            daemon.awaitLines(log, l -> TickLoggerIT.ticks(l, 1), WAIT, "the first tick");
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(WAIT));
            String stdout = daemon.stdout();
            assertTrue(stdout.contains("\nLEAK=4M: retaining 4 MiB more heap every tick (a simulated leak)\n"), stdout);
        }
    }

    @Test
    void exitsWithStatus3WhenTheJvmTerminatesOnOutOfMemoryError() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.startWithJvmOptions(dir, leakingInto(log),
                List.of("-Xmx16m", "-XX:+ExitOnOutOfMemoryError"))) {
            assertEquals(3, daemon.waitForExit(WAIT));
            // HotSpot writes this line to standard output, not standard error.
            assertTrue(daemon.stdout().endsWith("Terminating due to java.lang.OutOfMemoryError: Java heap space\n"),
                    daemon.stdout());
            assertEveryLineWhole(log);
        }
    }

    @Test
    void endsWithOneLineAndStatus70WhenTheHeapRunsOut() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.startWithJvmOptions(dir, leakingInto(log), List.of("-Xmx16m"))) {
            assertEquals(70, daemon.waitForExit(WAIT));
            String stderr = daemon.stderr();
            assertEquals(1, stderr.lines().count(), stderr);
            assertTrue(stderr.matches("iterdemo: out of memory after \\d+ ticks \\(java\\.lang\\.OutOfMemoryError: Java heap"
                    + " space\\): LEAK=2M had retained [0-9.]+ MiB of a heap limited to [0-9.]+ MiB \\(-Xmx\\)\n"), stderr);
            assertFalse(stderr.contains("\tat "), "no stack trace");
            assertEveryLineWhole(log);
        }
    }
}
