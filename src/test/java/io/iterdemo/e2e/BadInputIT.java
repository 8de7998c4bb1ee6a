package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.iterdemo.testing.Daemon;

/** Bad configuration and command lines: one clear line on stderr, a sysexits status, no stack trace, no damage. */
class BadInputIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static void assertOneDiagnosticLine(String stderr) {
        assertTrue(stderr.startsWith("iterdemo: "), stderr);
        assertEquals(1, stderr.lines().count(), "exactly one line: " + stderr);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace: " + stderr);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "-1", "0", "nan", "inf", "5s"})
    void refusesABadIntervalWithConfigStatusAndLeavesTheLogUntouched(String interval) throws Exception {
        Path log = dir.resolve("iterdemo.log");
        Files.writeString(log, "[tick]  earlier\n");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", interval))) {
            assertEquals(78, daemon.waitForExit(WAIT));
            String stderr = daemon.stderr();
            assertOneDiagnosticLine(stderr);
            assertTrue(stderr.startsWith("iterdemo: INTERVAL=\"" + interval + "\""), stderr);
        }
        assertEquals("[tick]  earlier\n", Files.readString(log));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4MB", "-1", "1.5M"})
    void refusesABadLeakWithConfigStatusAndLeavesTheLogUntouched(String leak) throws Exception {
        Path log = dir.resolve("iterdemo.log");
        Files.writeString(log, "[tick]  earlier\n");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "LEAK", leak))) {
            assertEquals(78, daemon.waitForExit(WAIT));
            assertEquals("iterdemo: LEAK=\"" + leak + "\" is not a size in bytes (examples: 0, 512K, 4M, 1G)\n",
                    daemon.stderr());
        }
        assertEquals("[tick]  earlier\n", Files.readString(log));
    }

    @Test
    void namesTheMissingDirectoryOfTheLogfile() throws Exception {
        Path log = dir.resolve("missing/service.log");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString()))) {
            assertEquals(73, daemon.waitForExit(WAIT));
            assertEquals("iterdemo: cannot open LOGFILE " + log + ": No such file or directory\n", daemon.stderr());
        }
    }

    @Test
    void refusesALogfileThatIsADirectory() throws Exception {
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", dir.toString()))) {
            assertEquals(73, daemon.waitForExit(WAIT));
            assertEquals("iterdemo: cannot open LOGFILE " + dir + ": Is a directory\n", daemon.stderr());
        }
    }

    @Test
    void namesALogfileItHasNoPermissionToOpen() throws Exception {
        Path log = dir.resolve("root-only.log");
        Files.writeString(log, "kept\n");
        Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("r--r--r--"));
        List<String> prefix = List.of();
        if ("root".equals(System.getProperty("user.name"))) {
            // root ignores file modes; run as nobody, the seed's own example of an account without access.
            assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv is needed to drop root");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            prefix = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        }
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString()), prefix)) {
            assertEquals(73, daemon.waitForExit(WAIT));
            assertEquals("iterdemo: cannot open LOGFILE " + log + ": Permission denied\n", daemon.stderr());
        }
        assertEquals("kept\n", Files.readString(log));
    }

    @Test
    void reportsAFullDiskWithIoErrStatus() throws Exception {
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", "/dev/full"))) {
            assertEquals(74, daemon.waitForExit(WAIT));
            assertEquals("iterdemo: cannot write to LOGFILE /dev/full: No space left on device\n", daemon.stderr());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "-x", "extra"})
    void refusesAnUnknownArgumentWithUsageStatus(String argument) throws Exception {
        try (Daemon daemon = Daemon.start(dir, Map.of(), argument)) {
            assertEquals(64, daemon.waitForExit(WAIT));
            assertEquals("iterdemo: unknown argument \"" + argument + "\"; see iterdemo --help\n", daemon.stderr());
        }
    }

    @Test
    void answersHelpOnStdout() throws Exception {
        try (Daemon daemon = Daemon.start(dir, Map.of(), "--help")) {
            assertEquals(0, daemon.waitForExit(WAIT));
            assertTrue(daemon.stdout().startsWith("Usage: iterdemo"), daemon.stdout());
            assertTrue(daemon.stdout().contains("INTERVAL"));
            assertEquals("", daemon.stderr());
        }
    }

    @Test
    void answersTheVersionOfThePackagedBuild() throws Exception {
        try (Daemon daemon = Daemon.start(dir, Map.of(), "--version")) {
            assertEquals(0, daemon.waitForExit(WAIT));
            assertTrue(daemon.stdout().matches("iterdemo \\d+\\.\\d+\\.\\d+\\S*\n"), daemon.stdout());
        }
    }
}
