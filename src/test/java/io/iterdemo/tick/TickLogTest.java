package io.iterdemo.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
