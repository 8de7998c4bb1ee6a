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

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.SmallTmpfs;

/**
 * The README's promise that LOGFILE holds only whole lines, kept where a write can go wrong for real: a file
 * system that fills up in the middle of a line, and a file that another writer left ending mid-line.
 */
class WholeLinesIT {
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    /** Every line is a start or a tick line, and the file ends with a newline. */
    private static void assertOnlyWholeLines(Path log) throws Exception {
        String content = Files.readString(log);
        assertTrue(content.endsWith("\n"), "ends mid-line: ..." + content.substring(Math.max(0, content.length() - 60)));
        for (String line : content.split("\n")) {
            assertTrue(TickLoggerIT.START.matcher(line).matches() || TickLoggerIT.TICK.matcher(line).matches(), line);
        }
    }

    @Test
    void leavesOnlyWholeLinesWhenTheDiskFillsUpMidLineAndOnTheNextStart() throws Exception {
        try (SmallTmpfs disk = SmallTmpfs.mount(dir, 12)) {
            Path log = disk.root().resolve("iterdemo.log");
            Map<String, String> env = Map.of("LOGFILE", log.toString(), "INTERVAL", "0.001");
            try (Daemon daemon = Daemon.start(dir, env)) {
                assertEquals(74, daemon.waitForExit(WAIT));
                assertEquals("iterdemo: cannot write to LOGFILE " + log + ": No space left on device\n", daemon.stderr());
            }
            assertOnlyWholeLines(log);
            long size = Files.size(log);
            assertTrue(size > 12 * 1024 - 64, "the disk was filled: " + size + " bytes");

            try (Daemon again = Daemon.start(dir, env)) {
                assertEquals(74, again.waitForExit(WAIT));
                assertEquals("iterdemo: cannot write to LOGFILE " + log + ": No space left on device\n", again.stderr());
            }
            assertOnlyWholeLines(log);
            assertEquals(size, Files.size(log), "the [start] line that did not fit was cut off");
        }
    }

    @Test
    void startsOnAFreshLineAfterAFragmentLeftByAnotherWriter() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        Files.writeString(log, "[tick]  2026-11-23 08:05:09.000120\n[ti");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.05"))) {
            List<String> lines = daemon.awaitLines(log, l -> TickLoggerIT.ticks(l, 2), WAIT, "2 new ticks");
            assertEquals("[ti", lines.get(1));
            assertTrue(TickLoggerIT.START.matcher(lines.get(2)).matches(), lines.get(2));
        }
    }
}
