package io.iterdemo.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.NotifyReceiver;

class SdNotifyTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void sendsNothingAndSaysSoWhenNotUnderSystemd() throws IOException {
        SdNotify notify = SdNotify.fromEnvironment(Map.of());
        assertFalse(notify.enabled());
        assertFalse(notify.ready("x"));
    }

    @Test
    void treatsAnEmptyVariableAsUnset() throws IOException {
        assertFalse(SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "")).ready("x"));
    }

    @Test
    void deliversReadyWithStatusAsOneDatagramToAPathSocket() throws Exception {
        try (NotifyReceiver receiver = NotifyReceiver.atPath(dir.resolve("notify"));
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", receiver.name()))) {
            assertTrue(notify.ready("Ticking"));
            assertEquals("READY=1\nSTATUS=Ticking", receiver.await(m -> true, WAIT, "at all"));
        }
    }

    @Test
    void deliversToAnAbstractSocket() throws Exception {
        try (NotifyReceiver receiver = NotifyReceiver.abstractName();
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", receiver.name()))) {
            assertTrue(receiver.name().startsWith("@"));
            assertTrue(notify.watchdog());
            assertEquals("WATCHDOG=1", receiver.await(m -> true, WAIT, "at all"));
        }
    }

    @Test
    void sendsEveryByteOfAMultiByteStatus() throws Exception {
        try (NotifyReceiver receiver = NotifyReceiver.atPath(dir.resolve("notify"));
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", receiver.name()))) {
            notify.status("Écrit dans /var/tmp/journal-été.log");
            assertEquals("STATUS=Écrit dans /var/tmp/journal-été.log", receiver.await(m -> true, WAIT, "at all"));
        }
    }

    @Test
    void keepsAStatusOnOneLineSoItCannotInjectAssignments() throws Exception {
        try (NotifyReceiver receiver = NotifyReceiver.atPath(dir.resolve("notify"));
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", receiver.name()))) {
            notify.status("a\nREADY=1");
            assertEquals("STATUS=a READY=1", receiver.await(m -> true, WAIT, "at all"));
        }
    }

    @Test
    void announcesReloadWithTheMonotonicClock() throws Exception {
        try (NotifyReceiver receiver = NotifyReceiver.atPath(dir.resolve("notify"));
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", receiver.name()))) {
            long before = MonotonicClock.microseconds();
            notify.reloading("Reopening");
            String message = receiver.await(m -> true, WAIT, "at all");
            List<String> lines = List.of(message.split("\n"));
            assertEquals("RELOADING=1", lines.get(0));
            long usec = Long.parseLong(lines.get(1).substring("MONOTONIC_USEC=".length()));
            assertTrue(usec >= before && usec <= MonotonicClock.microseconds(), message);
            assertEquals("STATUS=Reopening", lines.get(2));
        }
    }

    @Test
    void reportsAnUnreachableSocketAsAnError() throws IOException {
        try (SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", dir.resolve("absent").toString()))) {
            IOException e = assertThrows(IOException.class, () -> notify.ready("x"));
            assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
        }
    }

    @Test
    void refusesAnAddressThatIsNeitherPathNorAbstract() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", "vsock:2:1234")));
        assertTrue(e.getMessage().contains("NOTIFY_SOCKET=\"vsock:2:1234\""), e.getMessage());
    }
}
