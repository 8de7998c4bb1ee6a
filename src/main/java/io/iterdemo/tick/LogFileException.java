package io.iterdemo.tick;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The log file could not be opened or written. The message names the path and the operating system's reason. */
public final class LogFileException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Whether opening failed (nothing was written) or a write failed on an open file. */
    public enum Stage { OPEN, WRITE }

    private final Stage stage;

    LogFileException(Stage stage, Path path, IOException cause) {
        super((stage == Stage.OPEN ? "cannot open LOGFILE " : "cannot write to LOGFILE ") + path + ": " + reason(cause),
                cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }

    /**
     * The strerror(3) text, as app.py's traceback and every C daemon would show it. The JDK keeps it in
     * {@link FileSystemException#getReason()} except for the two errors it maps to dedicated classes.
     */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
