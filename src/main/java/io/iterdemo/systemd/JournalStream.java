package io.iterdemo.systemd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import jnr.posix.FileStat;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * Whether a standard stream is connected to systemd-journald, per systemd.exec(5): systemd sets
 * {@code JOURNAL_STREAM=<device>:<inode>} for the stream it connected, and the variable is inherited, so
 * only a stat of the descriptor that matches both numbers proves the stream still goes to the journal (it
 * does not after {@code iterdemo > file} in a shell started by a service).
 *
 * <p>The descriptor is stat'ed through {@code /proc/self/fd/N}, which resolves to the open file itself (a
 * socket included), with the JDK's {@code unix:} file attributes. That answers what libsystemd's callers
 * learn with fstat(2), without loading jnr-posix's native binding, which costs about half a second of
 * start-up on a loaded two-core machine and many seconds under emulation (docs/decisions/native-access.md).
 * Where /proc is not mounted, fstat(2) through jnr-posix gives the same answer.
 */
public final class JournalStream {
    private JournalStream() {
    }

    /** Whether {@code fd} (1 for stdout, 2 for stderr) is the journal stream named in {@code env}. */
    public static boolean isJournal(Map<String, String> env, int fd) {
        checkedStandardStream(fd);
        String value = env.get("JOURNAL_STREAM");
        if (value == null) {
            return false;
        }
        String[] parts = value.split(":", -1);
        if (parts.length != 2) {
            return false;
        }
        try {
            long device = Long.parseUnsignedLong(parts[0]);
            long inode = Long.parseUnsignedLong(parts[1]);
            long[] identity = identity(fd);
            return identity != null && identity[0] == device && identity[1] == inode;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Device and inode of what {@code fd} is open on, or null when neither way can tell. */
    static long[] identity(int fd) {
        long[] viaProc = identityViaProc(fd);
        return viaProc != null ? viaProc : identityViaFstat(fd);
    }

    static long[] identityViaProc(int fd) {
        try {
            Map<String, Object> stat = Files.readAttributes(Path.of("/proc/self/fd/" + fd), "unix:dev,ino");
            return new long[] {(Long) stat.get("dev"), (Long) stat.get("ino")};
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    static long[] identityViaFstat(int fd) {
        try {
            FileStat stat = posix().fstat(fd);
            return new long[] {stat.dev(), stat.ino()};
        } catch (RuntimeException | LinkageError e) {
            // No native access either (e.g. jffi cannot load): plain output is the safe choice.
            return null;
        }
    }

    private static void checkedStandardStream(int fd) {
        if (fd != 1 && fd != 2) {
            throw new IllegalArgumentException("only stdout (1) and stderr (2) are checked, not " + fd);
        }
    }

    private static POSIX posix() {
        return PosixHolder.POSIX;
    }

    /** Loaded on first use only: jnr's native binding costs start-up time that /proc makes unnecessary. */
    private static final class PosixHolder {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    }
}
