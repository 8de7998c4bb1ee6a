package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;

/**
 * Out of heap on whatever thread it happens, in both modes: one line on stderr, status 70 (EX_SOFTWARE), nothing on
 * stdout but the mode's own lines, never a stack trace.
 */
class OutOfMemoryIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /**
     * HotSpot's own warning when the heap is too full even to start a signal handler's thread (printed by the VM's
     * signal dispatcher, not by Java code; only {@code -XX:-PrintWarnings} would hide it, and every other VM
     * warning with it).
     */
    static final String VM_SIGNAL_WARNING = "OpenJDK 64-Bit Server VM warning: Exception java.lang.OutOfMemoryError "
            + "occurred dispatching signal ";

    private static void assertOneLineNoStackTrace(Daemon daemon) throws IOException {
        String stderr = daemon.stderr().lines().filter(line -> !line.startsWith(VM_SIGNAL_WARNING))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertEquals(1, stderr.lines().count(), daemon.stderr());
        assertTrue(stderr.startsWith("iterdemo: out of memory "), stderr);
        assertFalse(stderr.contains("\tat ") || daemon.stdout().contains("\tat "), "no stack trace");
        assertFalse(daemon.stdout().contains("Exception"), daemon.stdout());
    }

    /**
     * Signals keep arriving while LEAK fills the heap: each runs a handler on a new thread of its own, which may be
     * the one that finds the heap full, or the tick loop may. Either way the ending is the same.
     */
    @Test
    void endsWithOneLineAndStatus70WhenSignalsArriveWhileTheHeapIsFull() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.startWithJvmOptions(dir,
                Map.of("LOGFILE", log.toString(), "LEAK", "1M", "INTERVAL", "0.02"), List.of("-Xmx16m"))) {
            daemon.awaitLines(log, l -> TickLoggerIT.ticks(l, 1), WAIT, "the first tick, signal handlers installed");
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (daemon.isAlive() && System.nanoTime() - deadline < 0) {
                try {
                    daemon.signal("HUP");
                } catch (IOException e) {
                    // The process ended between isAlive and kill.
                }
            }
            assertEquals(70, daemon.waitForExit(WAIT));
            assertOneLineNoStackTrace(daemon);
            assertTrue(Files.readString(log).endsWith("\n"), "every line whole");
        }
    }

    /**
     * A listing too big for the heap: Jetty catches the error on its own thread, answers 500 and would carry on in
     * an unknown state; the server ends instead, so that a unit's Restart= starts a sound one.
     */
    @Test
    void endsWithOneLineAndStatus70WhenARequestRunsTheHeapOut() throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        String name = "x".repeat(240);
        for (int i = 0; i < 20_000; i++) {
            Files.createFile(www.resolve(name + i));
        }
        try (Daemon daemon = Daemon.startWithJvmOptions(dir, Map.of("LANG", "C.UTF-8"), List.of("-Xmx12m"),
                "http", "0", "--bind", "127.0.0.1", "--directory", www.toString())) {
            int port = HttpModeIT.port(daemon);
            HttpClient client = HttpClient.newHttpClient();
            try {
                client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(WAIT).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                // The process ended before answering: that is the point.
            }
            assertEquals(70, daemon.waitForExit(WAIT));
            assertOneLineNoStackTrace(daemon);
            // Whichever thread's allocation fails first (a pool thread's, or main's while the heap is full) names it.
            assertTrue(daemon.stderr().matches("iterdemo: out of memory in thread \"[^\"]+\" \\(java\\.lang\\.OutOfMemoryError: "
                    + "Java heap space\\); the heap is limited to [0-9.]+ MiB \\(-Xmx\\); exiting\n"), daemon.stderr());
        }
    }
}
