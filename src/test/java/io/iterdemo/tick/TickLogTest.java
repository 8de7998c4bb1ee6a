package io.iterdemo.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.SmallTmpfs;

class TickLogTest {
    @TempDir
    Path dir;

    @Test
    void appendsAfterExistingContentWithoutTouchingIt() throws Exception {
        Path file = dir.resolve("iterdemo.log");
        Files.writeString(file, "kept line\n");
        try (TickLog log = TickLog.open(file)) {
            log.append("[tick]  x");
        }
        assertEquals(List.of("kept line", "[tick]  x"), Files.readAllLines(file));
    }

    @Test
    void reopenSwitchesToTheNewFileAfterARename() throws Exception {
        Path file = dir.resolve("iterdemo.log");
        Path rotated = dir.resolve("iterdemo.log.1");
        try (TickLog log = TickLog.open(file)) {
            log.append("before");
            Files.move(file, rotated);
            log.append("still old");
            log.reopen();
            log.append("after");
        }
        assertEquals(List.of("before", "still old"), Files.readAllLines(rotated));
        assertEquals(List.of("after"), Files.readAllLines(file));
    }

    @Test
    void aFailedReopenKeepsWritingToTheOldFile() throws Exception {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path file = sub.resolve("iterdemo.log");
        Path moved = dir.resolve("moved.log");
        try (TickLog log = TickLog.open(file)) {
            Files.move(file, moved);
            Files.delete(sub);
            LogFileException e = assertThrows(LogFileException.class, log::reopen);
            assertEquals("cannot open LOGFILE " + file + ": No such file or directory", e.getMessage());
            log.append("not lost");
        }
        assertEquals(List.of("not lost"), Files.readAllLines(moved));
    }

    @Test
    void namesThePathAndTheSystemReasonWhenOpeningADirectory() {
        LogFileException e = assertThrows(LogFileException.class, () -> TickLog.open(dir));
        assertEquals("cannot open LOGFILE " + dir + ": Is a directory", e.getMessage());
        assertEquals(LogFileException.Stage.OPEN, e.stage());
    }

    @Test
    void reportsAFullDiskAsAWriteFailure() throws Exception {
        try (TickLog log = TickLog.open(Path.of("/dev/full"))) {
            LogFileException e = assertThrows(LogFileException.class, () -> log.append("x"));
            assertEquals("cannot write to LOGFILE /dev/full: No space left on device", e.getMessage());
            assertEquals(LogFileException.Stage.WRITE, e.stage());
        }
    }

    @Test
    void cutsOffTheFragmentAFullDiskLeavesSoTheFileEndsWithAWholeLine() throws Exception {
        try (SmallTmpfs disk = SmallTmpfs.mount(dir, 12)) {
            Path file = disk.root().resolve("iterdemo.log");
            String line = "[tick]  2026-11-23 08:05:09.000120";
            try (TickLog log = TickLog.open(file)) {
                LogFileException e = assertThrows(LogFileException.class, () -> {
                    while (true) {
                        log.append(line);
                    }
                });
                assertEquals("cannot write to LOGFILE " + file + ": No space left on device", e.getMessage());
            }
            String content = Files.readString(file);
            assertTrue(content.endsWith(line + "\n"), content.substring(Math.max(0, content.length() - 80)));
            Files.readAllLines(file).forEach(l -> assertEquals(line, l));
        }
    }

    @Test
    void startsOnAFreshLineWhenTheFileEndsWithAFragment() throws Exception {
        Path file = dir.resolve("iterdemo.log");
        Files.writeString(file, "[tick]  2026-11-23 08:05:09.000120\n[ti");
        try (TickLog log = TickLog.open(file)) {
            log.append("[start] x");
            log.append("[tick]  y");
        }
        assertEquals("[tick]  2026-11-23 08:05:09.000120\n[ti\n[start] x\n[tick]  y\n", Files.readString(file));
    }

    @Test
    void startsOnAFreshLineWhenTheFileReopenedAfterSighupEndsWithAFragment() throws Exception {
        Path file = dir.resolve("iterdemo.log");
        try (TickLog log = TickLog.open(file)) {
            log.append("before");
            Files.delete(file);
            Files.writeString(file, "half a li");
            log.reopen();
            log.append("after");
        }
        assertEquals("half a li\nafter\n", Files.readString(file));
    }
}
