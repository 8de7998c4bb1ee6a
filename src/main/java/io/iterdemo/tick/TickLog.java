package io.iterdemo.tick;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The append-only log file of app.py's contract: whole lines only, whatever happens.
 *
 * <p>Each line goes out in a single {@code write(2)} on a descriptor opened with {@code O_APPEND}, with no
 * user-space buffer in between: the kernel places it at the end of the file atomically, so a {@code kill -9}
 * at any moment leaves only whole lines, and existing content is never rewritten. The file is created with
 * mode 0666 minus the umask, as Python's {@code open(..., "a")} does.
 *
 * <p>Two things can still leave a line without its newline, and both are repaired here:
 * <ul>
 * <li>A full disk (or a quota, or the file size limit) takes the first part of a line and refuses the rest:
 *     {@code write(2)} returns a short count, the next one fails with ENOSPC. The fragment is then cut off with
 *     {@code ftruncate(2)} on the same descriptor, back to where the line began. Other writers may share the
 *     file under {@code O_APPEND}: on a full disk none of theirs can land after ours, and the fragment is checked
 *     to still be the file's last bytes before the cut, so a line of theirs is never taken; if it is not, it
 *     stays, and the next line starts on a fresh line.</li>
 * <li>The file already ends with a fragment when it is opened (another writer killed mid-line, or a crash
 *     before the kernel wrote the whole page): the next line is then written with a newline in front of it,
 *     in the same single write, so that it starts on a fresh line.</li>
 * </ul>
 */
public final class TickLog implements AutoCloseable {
    private final Path path;
    private FileChannel channel;
    /** Whether the file ends with a newline (or is empty), so that a line can be appended as it is. */
    private boolean atLineStart;

    private TickLog(Path path, FileChannel channel, boolean atLineStart) {
        this.path = path;
        this.channel = channel;
        this.atLineStart = atLineStart;
    }

    /**
     * Opens {@code path} for appending, creating it if needed.
     *
     * @throws LogFileException (stage OPEN) naming the path and the operating system's reason
     */
    public static TickLog open(Path path) throws LogFileException {
        FileChannel channel = openChannel(path);
        return new TickLog(path, channel, endsWithNewline(path, channel));
    }

    public Path path() {
        return path;
    }

    /**
     * Appends {@code line} and a newline in one write (preceded by a newline when the file ends with a fragment).
     *
     * @throws LogFileException (stage WRITE) when the write fails; any part of the line that was written has
     *         been removed again, so the file still ends with a whole line
     */
    public void append(String line) throws LogFileException {
        String text = atLineStart ? line + "\n" : "\n" + line + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        long written = 0;
        try {
            // A regular file takes the whole buffer in one write; only a full disk or an exotic file system
            // writes less, and the next write then either takes the rest, in order, or fails.
            while (bytes.hasRemaining()) {
                written += channel.write(bytes);
            }
            atLineStart = true;
        } catch (IOException e) {
            cutOff(bytes.array(), written);
            throw new LogFileException(LogFileException.Stage.WRITE, path, e);
        }
    }

    /**
     * Removes the first {@code written} bytes of {@code text} that a failed append left at the end of the file,
     * after checking that they are still the file's last bytes: if another writer appended after them, cutting
     * would take its line, so the fragment stays and the next line begins with a newline instead, as it does
     * when the cut itself fails.
     */
    private void cutOff(byte[] text, long written) {
        if (written == 0) {
            return;
        }
        try {
            long end = channel.size();
            if (end >= written && endsWith(end, text, (int) written)) {
                channel.truncate(end - written);
                return;
            }
        } catch (IOException | RuntimeException e) {
            // Left as it is; the next line starts on a fresh line.
        }
        atLineStart = false;
    }

    /** Whether the file, {@code end} bytes long, ends with the first {@code length} bytes of {@code text}. */
    private boolean endsWith(long end, byte[] text, int length) throws IOException {
        try (FileChannel reading = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer tail = ByteBuffer.allocate(length);
            while (tail.hasRemaining() && reading.read(tail, end - length + tail.position()) > 0) {
                // pread(2) until the tail is read
            }
            return !tail.hasRemaining() && tail.flip().equals(ByteBuffer.wrap(text, 0, length));
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
        atLineStart = endsWithNewline(path, fresh);
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

    /**
     * Whether the file is empty or its last byte is a newline. Read through a second, read-only descriptor: the
     * appending one is write-only, as Python's is. Only regular files are checked (a pipe, {@code /dev/stdout} or
     * {@code /dev/full} has no last byte); a file we may not read is taken as whole, there is no way to know.
     */
    private static boolean endsWithNewline(Path path, FileChannel appending) {
        try {
            long size = appending.size();
            if (size == 0 || !Files.isRegularFile(path)) {
                return true;
            }
            try (FileChannel reading = FileChannel.open(path, StandardOpenOption.READ)) {
                ByteBuffer last = ByteBuffer.allocate(1);
                return reading.read(last, size - 1) != 1 || last.get(0) == '\n';
            }
        } catch (IOException | RuntimeException e) {
            return true;
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
