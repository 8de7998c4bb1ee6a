package io.iterdemo.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;

/**
 * The content of small files, kept in memory while they are unchanged on disk, so that a file asked for again
 * costs one {@code stat(2)} instead of a real-path resolution, an open, a read and a close, and its headers are
 * not formatted again.
 *
 * <p>Entries are found by the request's path as sent ({@code /docs/a%20b.txt}): the same string always
 * translates to the same file name, so the translation is skipped too. An entry is used only if that file name
 * still leads to the same file ({@code fileKey}: device
 * and inode, links followed) with the same size and modification time (nanoseconds); otherwise it is dropped
 * and the file is read again, with every check. The same device and inode is the same file, the one whose real
 * path was found inside the served directory when it was stored: a link swapped in since then names another
 * inode and misses. A file rewritten in place at the same size and within the same modification time is the
 * one change this misses (file systems stamp writes to the nanosecond).
 *
 * <p>Bounded: files up to {@link #MAX_FILE} bytes, {@link #BUDGET} bytes in all; when full, everything is
 * dropped and the cache fills again. The bytes are off the Java heap (direct buffers), written to the socket
 * without another copy.
 */
final class SmallFiles {
    /** Files up to this size are cached; larger ones are streamed from disk for every request. */
    static final int MAX_FILE = 32 * 1024;
    /** Total bytes kept, counting {@link #OVERHEAD} more for each file, so that empty files count too. */
    static final long BUDGET = 4L * 1024 * 1024;
    private static final int OVERHEAD = 256;

    /**
     * What a file's response headers need, formatted once: its size, its modification time in whole seconds (as
     * Python compares it), and the Content-Type and Last-Modified fields.
     */
    record Head(long size, long modifiedSeconds, String lastModified, HttpField contentTypeField,
            HttpField lastModifiedField) {
        static Head of(BasicFileAttributes attributes, String contentType) {
            long seconds = attributes.lastModifiedTime().toMillis() / 1000;
            String lastModified = DateGenerator.formatDate(seconds * 1000);
            return new Head(attributes.size(), seconds, lastModified, new PreEncodedHttpField(HttpHeader.CONTENT_TYPE,
                    contentType), new PreEncodedHttpField(HttpHeader.LAST_MODIFIED, lastModified));
        }
    }

    /** A small file: the name it was found by, what identifies its version, its headers and its bytes. */
    record Entry(Path path, Object fileKey, FileTime modified, Head head, ByteBuffer content) {
        /** The bytes from {@code first}, {@code length} of them, as a buffer of their own. */
        ByteBuffer slice(long first, long length) {
            return content.slice((int) first, (int) length);
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    private static long cost(String target, Entry entry) {
        return target.length() + entry.head().size() + OVERHEAD;
    }

    /** The entry stored under the request path {@code target} if its file is still the same; one stat(2). */
    Optional<Entry> fresh(String target) {
        Entry entry = entries.get(target);
        if (entry == null) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes now = Files.readAttributes(entry.path(), BasicFileAttributes.class);
            if (now.isRegularFile() && Objects.equals(now.fileKey(), entry.fileKey()) && now.size() == entry.head().size()
                    && now.lastModifiedTime().equals(entry.modified())) {
                return Optional.of(entry);
            }
        } catch (IOException | SecurityException e) {
            // Gone or unreadable: dropped below, and the caller finds out why the slow way.
        }
        if (entries.remove(target, entry)) {
            bytes.addAndGet(-cost(target, entry));
        }
        return Optional.empty();
    }

    /**
     * Reads the small file open on {@code channel}, whose {@code attributes} were taken before the read. Keeps it
     * under the request path {@code target} when {@code path}, what that target translates to, is a name to
     * check it by (the caller has checked that its real path is inside the served directory); null otherwise.
     */
    Entry load(String target, Path path, SeekableByteChannel channel, BasicFileAttributes attributes, String contentType)
            throws IOException {
        int size = (int) attributes.size();
        ByteBuffer content = ByteBuffer.allocateDirect(size);
        while (content.hasRemaining() && channel.read(content) >= 0) {
            // A file that shrank since it was measured ends the loop short.
        }
        content.flip();
        Head head = Head.of(attributes, contentType);
        if (content.remaining() != size) {
            head = new Head(content.remaining(), head.modifiedSeconds(), head.lastModified(), head.contentTypeField(),
                    head.lastModifiedField());
        }
        Entry entry = new Entry(path, attributes.fileKey(), attributes.lastModifiedTime(), head, content.asReadOnlyBuffer());
        if (target != null && path != null && content.remaining() == size && attributes.fileKey() != null) {
            long cost = cost(target, entry);
            if (bytes.addAndGet(cost) > BUDGET) {
                entries.clear();
                bytes.set(cost);
            }
            Entry previous = entries.put(target, entry);
            if (previous != null) {
                bytes.addAndGet(-cost(target, previous));
            }
        }
        return entry;
    }
}
