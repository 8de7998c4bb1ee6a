package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only regular files inside the root are opened, and nothing waits on a special file. */
class RegularFilesTest {
    @TempDir
    Path temp;
    Path root;
    RegularFiles files;
    /** A call that blocks would hang the build: each runs here and is given up on after a generous while. */
    final ExecutorService caller = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "open");
        thread.setDaemon(true);
        return thread;
    });

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectory(temp.resolve("www")).toRealPath();
        files = new RegularFiles(root);
    }

    @AfterEach
    void tearDown() {
        caller.shutdownNow();
    }

    static void mkfifo(Path path) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor(), "mkfifo");
    }

    private Optional<RegularFiles.Opened> open(Path path) throws Exception {
        Future<Optional<RegularFiles.Opened>> opened = caller.submit(() -> files.open(path));
        return opened.get(60, TimeUnit.SECONDS);
    }

    private static String read(RegularFiles.Opened opened) throws IOException {
        try (var channel = opened.channel()) {
            ByteBuffer buffer = ByteBuffer.allocate((int) opened.attributes().size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // Reads the whole small file.
            }
            return new String(buffer.array(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void opensARegularFileInsideTheRootAndReportsItsSize() throws Exception {
        Files.writeString(root.resolve("a.txt"), "hello\n");
        Files.createSymbolicLink(root.resolve("alias.txt"), Path.of("a.txt"));
        for (String name : new String[] {"a.txt", "alias.txt"}) {
            RegularFiles.Opened opened = open(root.resolve(name)).orElseThrow();
            assertEquals(6, opened.attributes().size());
            assertEquals("hello\n", read(opened));
        }
    }

    @Test
    void pinsTheFileWithOPathOnLinuxRatherThanFallingBackToACheckBeforeTheOpen() {
        assertTrue(files.opensWithOPath());
    }

    @Test
    void refusesAFifoAtOnceInsteadOfWaitingForAWriter() throws Exception {
        mkfifo(root.resolve("pipe"));
        for (int i = 0; i < 20; i++) {
            assertEquals(Optional.empty(), open(root.resolve("pipe")));
        }
    }

    @Test
    void refusesASocketADeviceNodeAndADirectory() throws Exception {
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(root.resolve("socket")));
            assertEquals(Optional.empty(), open(root.resolve("socket")));
        }
        assertEquals(Optional.empty(), new RegularFiles(Path.of("/")).open(Path.of("/dev/null")));
        Files.createDirectory(root.resolve("dir"));
        assertEquals(Optional.empty(), open(root.resolve("dir")));
    }

    @Test
    void refusesALinkThatLeadsOutOfTheRoot() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("out.txt"), secret);
        assertEquals(Optional.empty(), open(root.resolve("out.txt")));
        assertEquals(Optional.empty(), open(root.resolve("missing.txt")));
    }

    @Test
    void opensAFileWhoseNameIsNotUtf8() throws Exception {
        Path file = FileNames.resolve(root, new byte[] {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'});
        Files.writeString(file, "latin-1 name\n");
        assertTrue(Files.isRegularFile(file));
        assertEquals("latin-1 name\n", read(open(file).orElseThrow()));
    }
}
