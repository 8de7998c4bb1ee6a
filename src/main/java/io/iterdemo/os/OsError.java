package io.iterdemo.os;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/** The operating system's words for a failed file operation, as every iterdemo message quotes them. */
public final class OsError {
    private OsError() {
    }

    /**
     * The strerror(3) text, as app.py's traceback and every C daemon would show it. The JDK keeps it in
     * {@link FileSystemException#getReason()} except for the two errors it maps to dedicated classes.
     */
    public static String reason(IOException e) {
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
