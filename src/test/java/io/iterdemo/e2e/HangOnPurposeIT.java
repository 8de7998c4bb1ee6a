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
import io.iterdemo.testing.NotifyReceiver;

/** SIGUSR1, the watchdog lesson: the tick logger hangs on purpose, as a stuck daemon would, yet still stops cleanly. */
class HangOnPurposeIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String HUNG = "STATUS=Hung on purpose (SIGUSR1): no more ticks, no more watchdog pings";

    /** WATCHDOG_PID must name the daemon, which has no PID before it starts: a launcher sets it, as systemd does. */
    static final List<String> WATCHDOG_PID_IS_OURS = List.of("/bin/sh", "-c", "WATCHDOG_PID=$$ exec \"$@\"", "sh");

    @TempDir
    Path dir;

    private Daemon startWatched(Path log, NotifyReceiver systemd) throws Exception {
        // Pings every 100 ms (half of WATCHDOG_USEC), a tick every 50 ms.
        return Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.05", "NOTIFY_SOCKET", systemd.name(),
                "WATCHDOG_USEC", "200000"), WATCHDOG_PID_IS_OURS);
    }

    @Test
    void stopsTickingAndPingingTheWatchdogOnSigusr1() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = startWatched(log, systemd)) {
            systemd.awaitCount("WATCHDOG=1"::equals, 3, WAIT, "WATCHDOG=1 before the hang");
            daemon.awaitLines(log, l -> TickLoggerIT.ticks(l, 3), WAIT, "3 ticks before the hang");
            daemon.signal("USR1");
            systemd.await(HUNG::equals, WAIT, "the hung status");
            // The loop writes and sends from one thread, in order: once the status is here, whatever it did
            // before the hang is in the file and the socket.
            int hungAt = systemd.drain().indexOf(HUNG);
            List<String> linesAtHang = Files.readAllLines(log);
            Thread.sleep(1000);
            List<String> all = systemd.drain();
            assertEquals(List.of(), all.subList(hungAt + 1, all.size()), "nothing sent after the hang (10 pings were due)");
            assertEquals(linesAtHang, Files.readAllLines(log), "no tick written after the hang (20 were due)");
            assertTrue(daemon.isAlive());
            assertEquals("iterdemo: SIGUSR1: hanging on purpose: no more ticks, no more watchdog pings\n", daemon.stderr());
        }
    }

    @Test
    void stillStopsCleanlyOnSigtermWhileHungAndIgnoresSighup() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = startWatched(log, systemd)) {
            systemd.await(m -> m.startsWith("READY=1"), WAIT, "READY=1");
            daemon.signal("USR1");
            systemd.await(HUNG::equals, WAIT, "the hung status");
            daemon.signal("HUP");
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(WAIT));
            List<String> lines = Files.readAllLines(log);
            assertTrue(TickLoggerIT.STOP.matcher(lines.get(lines.size() - 1)).matches(), lines::toString);
            String stopping = systemd.await(m -> m.startsWith("STOPPING=1"), WAIT, "STOPPING=1");
            assertTrue(stopping.startsWith("STOPPING=1\nSTATUS=Stopping on SIGTERM after "), stopping);
            assertFalse(systemd.drain().stream().anyMatch(m -> m.startsWith("RELOADING=1")), "a hung daemon reloads nothing");
            assertTrue(daemon.stdout().contains("SIGTERM: stopped after "), daemon.stdout());
        }
    }
}
