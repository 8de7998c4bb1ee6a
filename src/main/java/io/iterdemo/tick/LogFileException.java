package io.iterdemo.tick;

import java.io.IOException;
import java.nio.file.Path;

import io.iterdemo.os.OsError;

/** The log file could not be opened or written. The message names the path and the operating system's reason. */
public final class LogFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether opening failed (nothing was written) or a write failed on an open file. */
    public enum Stage { OPEN, WRITE }

    private final Stage stage;

    LogFileException(Stage stage, Path path, IOException cause) {
        super((stage == Stage.OPEN ? "cannot open LOGFILE " : "cannot write to LOGFILE ") + path + ": " + OsError.reason(cause),
                cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
