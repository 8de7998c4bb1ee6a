package io.iterdemo.tick;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The append-only log file of app.py's contract.
 *
 * <p>Each line goes out in a single {@code write(2)} on a descriptor opened with {@code O_APPEND}, with no
 * user-space buffer in between: the kernel places it at the end of the file atomically, so a {@code kill -9}
 * at any moment leaves only whole lines, and existing content is never rewritten. The file is created with
 * mode 0666 minus the umask, as Python's {@code open(..., "a")} does.
 */
public final class TickLog implements AutoCloseable {
    private final Path path;
    private FileChannel channel;

    private TickLog(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    public static TickLog open(Path path) throws LogFileException {
        return new TickLog(path, openChannel(path));
    }

    public Path path() {
        return path;
    }

    /** Appends {@code line} and a newline in one write. */
    public void append(String line) throws LogFileException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try {
            // A regular file takes the whole buffer in one write; the loop only guards against a short write
            // on exotic file systems, where the rest still lands in order.
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        } catch (IOException e) {
            throw new LogFileException(LogFileException.Stage.WRITE, path, e);
        }
    }

    /**
     * Opens the path again and switches to the new file, so that logrotate's move-then-signal works. When
     * the new open fails the old file stays in use, so no line is lost, and the caller reports the error.
     */
    public void reopen() throws LogFileException {
        FileChannel fresh = openChannel(path);
        FileChannel old = channel;
        channel = fresh;
        closeQuietly(old);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private static FileChannel openChannel(Path path) throws LogFileException {
        try {
            return FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LogFileException(LogFileException.Stage.OPEN, path, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Every line was written with its own write(2); close has nothing left to flush.
        }
    }
}
