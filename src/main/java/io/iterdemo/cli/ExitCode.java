package io.iterdemo.cli;

/**
 * Exit statuses from sysexits.h. systemd knows them by name, so {@code systemctl status} shows
 * {@code status=78/CONFIG} instead of a bare number, and {@code RestartPreventExitStatus=} can name them.
 */
public enum ExitCode {
    OK(0),
    /** The command line was wrong: unknown argument or option. */
    USAGE(64),
    /** An input does not exist or cannot be read (http: the directory to serve, the credential token). */
    NOINPUT(66),
    /** A service the program needs is unavailable (http: the address is already in use). */
    UNAVAILABLE(69),
    /**
     * An internal software error: out of Java heap (what LEAK simulates), or any throwable that escapes a thread
     * ({@link io.iterdemo.lifecycle.FatalErrors}).
     */
    SOFTWARE(70),
    /**
     * The operating system refused something the program needs (jnr's native library cannot be loaded from
     * java.io.tmpdir, for sd_notify or socket activation).
     */
    OSERR(71),
    /** The output file could not be created or opened. */
    CANTCREAT(73),
    /** Writing to the output file failed (disk full, I/O error). */
    IOERR(74),
    /** The configuration (environment) is invalid. */
    CONFIG(78);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
