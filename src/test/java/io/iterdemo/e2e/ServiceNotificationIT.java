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

/** sd_notify as systemd receives it: a real datagram socket in NOTIFY_SOCKET, the jar as a real process. */
class ServiceNotificationIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void saysReadyOnlyOnceTheStartLineAndFirstTickAreWritten() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "3600",
                     "NOTIFY_SOCKET", systemd.name()))) {
            String ready = systemd.await(m -> m.startsWith("READY=1"), WAIT, "READY=1");
            List<String> lines = Files.readAllLines(log);
            assertEquals(2, lines.size(), "start and first tick are on disk before READY: " + lines);
            assertEquals("READY=1\nSTATUS=Ticking every 3600 s into " + log + ", 1 tick written", ready);
        }
    }

    @Test
    void keepsTheStatusCurrentWithTheTickCount() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.abstractName();
             Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.1",
                     "NOTIFY_SOCKET", systemd.name()))) {
            systemd.await(m -> m.equals("STATUS=Ticking every 0.1 s into " + log + ", 3 ticks written"), WAIT,
                    "STATUS with 3 ticks");
        }
    }

    @Test
    void pingsTheWatchdogAtHalfItsTimeout() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "3600",
                     "NOTIFY_SOCKET", systemd.name(), "WATCHDOG_USEC", "400000"))) {
            systemd.await(m -> m.startsWith("READY=1"), WAIT, "READY=1");
            // Pings keep coming although no tick is due for an hour: the watchdog has its own schedule.
            // (Their spacing, half of WATCHDOG_USEC, is WatchdogTest's subject; wall-clock checks here
            // would only measure how busy the machine is.)
            List<String> all = systemd.awaitCount("WATCHDOG=1"::equals, 5, WAIT, "WATCHDOG=1");
            assertEquals(1, all.stream().filter(m -> m.startsWith("READY=1")).count(), all::toString);
        }
    }

    @Test
    void leavesTheWatchdogToTheProcessItNames() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.05",
                     "NOTIFY_SOCKET", systemd.name(), "WATCHDOG_USEC", "100000", "WATCHDOG_PID", "1"))) {
            systemd.await(m -> m.contains("10 ticks written"), WAIT, "10 ticks");
            assertFalse(systemd.drain().contains("WATCHDOG=1"), "no ping meant for PID 1");
        }
    }

    @Test
    void announcesReloadingThenReadyAroundASighupReopen() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "3600",
                     "NOTIFY_SOCKET", systemd.name()))) {
            systemd.await(m -> m.startsWith("READY=1"), WAIT, "READY=1");
            daemon.signal("HUP");
            String reloading = systemd.await(m -> m.startsWith("RELOADING=1"), WAIT, "RELOADING=1");
            assertTrue(reloading.matches("RELOADING=1\nMONOTONIC_USEC=\\d+\nSTATUS=Reopening " + log), reloading);
            List<String> all = systemd.awaitCount(m -> m.startsWith("READY=1"), 2, WAIT, "READY=1");
            int reloadAt = all.indexOf(reloading);
            assertTrue(all.subList(reloadAt, all.size()).stream().anyMatch(m -> m.startsWith("READY=1")),
                    "READY=1 follows RELOADING=1: " + all);
        }
    }

    @Test
    void saysStoppingBeforeItExits() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "3600",
                     "NOTIFY_SOCKET", systemd.name()))) {
            systemd.await(m -> m.startsWith("READY=1"), WAIT, "READY=1");
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(WAIT));
            assertEquals("STOPPING=1\nSTATUS=Stopping on SIGTERM after 1 tick",
                    systemd.await(m -> m.startsWith("STOPPING=1"), WAIT, "STOPPING=1"));
        }
    }

    @Test
    void keepsTickingWhenTheNotifySocketIsGoneAndSaysSoOnce() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.05",
                "NOTIFY_SOCKET", dir.resolve("no-such-socket").toString()))) {
            daemon.awaitLines(log, l -> l.size() >= 6, WAIT, "5 ticks");
            String stderr = daemon.stderr();
            assertEquals(1, stderr.lines().count(), stderr);
            assertTrue(stderr.startsWith("iterdemo: sd_notify to NOTIFY_SOCKET=" + dir.resolve("no-such-socket")
                    + " failed: No such file or directory"), stderr);
        }
    }
}
