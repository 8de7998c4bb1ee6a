package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cached file is used only while the name still leads to the same, unchanged file. */
class SmallFilesTest {
    @TempDir
    Path dir;
    final SmallFiles cache = new SmallFiles();

    /** Loads {@code path}, kept under the request path {@code /NAME}. */
    private SmallFiles.Entry load(Path path) throws Exception {
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            return cache.load(target(path), path, channel, Files.readAttributes(path, BasicFileAttributes.class),
                    "text/plain");
        }
    }

    private static String target(Path path) {
        return "/" + path.getFileName();
    }

    private static String text(ByteBuffer buffer) {
        return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }

    @Test
    void servesTheKeptBytesWhileTheFileIsUnchanged() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "0123456789");
        load(file);
        SmallFiles.Entry entry = cache.fresh(target(file)).orElseThrow();
        assertEquals("0123456789", text(entry.content()));
        assertEquals("2345", text(entry.slice(2, 4)));
        assertEquals("text/plain", entry.head().contentTypeField().getValue());
        assertEquals(10, entry.head().size());
    }

    @Test
    void dropsAFileModifiedSinceEvenAtTheSameSize() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "before");
        load(file);
        Files.writeString(file, "after!");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 1000));
        assertEquals(Optional.empty(), cache.fresh(target(file)));
    }

    @Test
    void dropsANameThatNowLeadsToAnotherFile() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "inside");
        Path outside = Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.setLastModifiedTime(outside, Files.getLastModifiedTime(file));
        load(file);
        Files.delete(file);
        Files.createSymbolicLink(file, outside);
        assertEquals(Optional.empty(), cache.fresh(target(file)), "a link swapped in names another inode");
    }

    @Test
    void keepsNothingWithoutARequestPath() throws Exception {
        Path file = Files.writeString(dir.resolve("index.html"), "<p>");
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            SmallFiles.Entry entry = cache.load(null, null, channel, Files.readAttributes(file, BasicFileAttributes.class),
                    "text/html");
            assertEquals("<p>", text(entry.content()));
        }
        assertEquals(Optional.empty(), cache.fresh("/index.html"));
    }

    @Test
    void dropsADeletedFile() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "a");
        load(file);
        Files.delete(file);
        assertEquals(Optional.empty(), cache.fresh(target(file)));
    }

    @Test
    void staysWithinItsBudget() throws Exception {
        byte[] bytes = new byte[SmallFiles.MAX_FILE];
        int files = (int) (SmallFiles.BUDGET / SmallFiles.MAX_FILE) * 2;
        for (int i = 0; i < files; i++) {
            load(Files.write(dir.resolve(i + ".bin"), bytes));
        }
        int kept = 0;
        for (int i = 0; i < files; i++) {
            kept += cache.fresh("/" + i + ".bin").isPresent() ? 1 : 0;
        }
        assertTrue(kept > 0 && (long) kept * SmallFiles.MAX_FILE <= SmallFiles.BUDGET, kept + " files kept");
    }
}
