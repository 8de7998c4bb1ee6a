package io.iterdemo.systemd;

import java.util.Map;

import jnr.posix.FileStat;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;

/**
 * Whether a standard stream is connected to systemd-journald, per systemd.exec(5): systemd sets
 * {@code JOURNAL_STREAM=<device>:<inode>} for the stream it connected, and the variable is inherited, so
 * only an fstat(2) of the descriptor that matches both numbers proves the stream still goes to the
 * journal (it does not after {@code iterdemo > file} in a shell started by a service).
 *
 * <p>The JDK cannot fstat a standard descriptor; jnr-posix can.
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
            FileStat stat = posix().fstat(fd);
            return stat.dev() == device && stat.ino() == inode;
        } catch (NumberFormatException e) {
            return false;
        } catch (RuntimeException | LinkageError e) {
            // No native access (e.g. jffi cannot load from a noexec temp dir): plain output is the safe choice.
            return false;
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

    /** Loaded on first use only: jnr's native binding costs start-up time a plain terminal run never needs. */
    private static final class PosixHolder {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    }
}
