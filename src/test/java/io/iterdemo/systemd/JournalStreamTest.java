package io.iterdemo.systemd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JournalStreamTest {

    /** This JVM's own stderr stands in for the journal: JOURNAL_STREAM names it by device and inode. */
    @Test
    void recognisesTheStreamNamedByDeviceAndInode() throws Exception {
        Path stderr = Path.of("/proc/self/fd/2");
        long device = (long) Files.getAttribute(stderr, "unix:dev");
        long inode = (long) Files.getAttribute(stderr, "unix:ino");
        assertTrue(JournalStream.isJournal(Map.of("JOURNAL_STREAM", device + ":" + inode), 2));
    }

    @Test
    void rejectsAnInheritedVariableThatNamesAnotherStream() throws Exception {
        Path stderr = Path.of("/proc/self/fd/2");
        long device = (long) Files.getAttribute(stderr, "unix:dev");
        long inode = (long) Files.getAttribute(stderr, "unix:ino");
        assertFalse(JournalStream.isJournal(Map.of("JOURNAL_STREAM", device + ":" + (inode + 1)), 2));
    }

    /** The fallback for a system without /proc must see the same file: fstat(2) and /proc agree. */
    @Test
    void fstatAndProcIdentifyTheSameOpenFile() {
        for (int fd : new int[] {1, 2}) {
            long[] viaProc = JournalStream.identityViaProc(fd);
            long[] viaFstat = JournalStream.identityViaFstat(fd);
            org.junit.jupiter.api.Assertions.assertNotNull(viaProc);
            org.junit.jupiter.api.Assertions.assertArrayEquals(viaProc, viaFstat, "fd " + fd);
        }
    }

    @Test
    void rejectsAnAbsentOrMalformedVariable() {
        assertFalse(JournalStream.isJournal(Map.of(), 1));
        assertFalse(JournalStream.isJournal(Map.of("JOURNAL_STREAM", "8:x"), 1));
        assertFalse(JournalStream.isJournal(Map.of("JOURNAL_STREAM", "12345"), 1));
    }

    @Test
    void checksOnlyStandardOutputAndError() {
        assertThrows(IllegalArgumentException.class, () -> JournalStream.isJournal(Map.of(), 0));
    }
}
