package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.PythonHttpServer;

/**
 * What a served directory may hold besides files and directories: FIFOs, sockets, device nodes. Issue 15: a
 * dozen GETs of a FIFO used to take every pool thread, each blocked in open(2), and the server never answered
 * again. Python's own server blocks a thread per such request too (its open() waits for a writer); here each is
 * 404 at once, as Python answers a file it cannot open.
 */
class HttpSpecialFilesIT {
    @TempDir
    Path dir;
    Path www;

    @BeforeEach
    void site() throws IOException, InterruptedException {
        www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello\n");
        mkfifo(www.resolve("pipe"));
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).inheritIO().start().waitFor(), "mkfifo " + path);
    }

    private Daemon start() throws IOException {
        return Daemon.start(dir, Map.of("LANG", "C.UTF-8"), "http", "0", "--bind", "127.0.0.1", "--directory",
                www.toString());
    }

    private static int status(String response) {
        return response.isEmpty() ? 0 : Integer.parseInt(response.substring(9, 12));
    }

    private static String get(int port, String path) throws IOException {
        return HttpModeIT.raw(port, "GET " + path + " HTTP/1.0\r\n\r\n");
    }

    @Test
    void answersEveryRequestForAFifoWith404AtOnceAndKeepsServingFiles() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(40);
        try (Daemon daemon = start()) {
            int port = HttpModeIT.port(daemon);
            // More requests at once than the pool has threads: had any blocked, the rest would queue behind them.
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(clients.submit(() -> get(port, "/pipe")));
            }
            for (Future<String> answer : answers) {
                String response = answer.get();
                assertEquals(404, status(response), response);
                assertTrue(response.contains("<p>Message: File not found.</p>"), response);
            }
            assertTrue(get(port, "/hello.txt").endsWith("\r\n\r\nhello\n"));
            assertEquals(404, status(HttpModeIT.raw(port, "HEAD /pipe HTTP/1.0\r\n\r\n")));
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(HttpModeIT.WAIT));
            assertFalse(daemon.stdout().contains("Couldn't stop") || daemon.stderr().contains("Couldn't stop"),
                    daemon.stdout() + daemon.stderr());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void answersASocketAndADirectoryIndexThatIsAFifoWith404() throws Exception {
        Files.createDirectory(www.resolve("site"));
        mkfifo(www.resolve("site/index.html"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX); Daemon daemon = start()) {
            socket.bind(UnixDomainSocketAddress.of(www.resolve("socket")));
            int port = HttpModeIT.port(daemon);
            assertEquals(404, status(get(port, "/socket")));
            // Python's index rule asks os.path.isfile: a FIFO named index.html is not one, so the directory is listed.
            String listing = get(port, "/site/");
            assertEquals(200, status(listing), listing);
            assertTrue(listing.contains("<a href=\"index.html\">index.html</a>"), listing);
            assertEquals(404, status(get(port, "/site/index.html")));
        }
    }

    @Test
    void answersADeviceNodeWith404WithoutOpeningIt() throws Exception {
        Process mknod = new ProcessBuilder("mknod", www.resolve("zero").toString(), "c", "1", "5")
                .redirectErrorStream(true).start();
        assumeTrue(mknod.waitFor() == 0, "mknod needs CAP_MKNOD: " + new String(mknod.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
        try (Daemon daemon = start()) {
            int port = HttpModeIT.port(daemon);
            assertEquals(404, status(get(port, "/zero")));
        }
    }

    /** The check is made on the file opened, not before: a file swapped for a FIFO after it was served is 404. */
    @Test
    void answersAFileReplacedByAFifoAfterItWasServedWith404() throws Exception {
        Files.writeString(www.resolve("small.txt"), "small\n");
        Files.write(www.resolve("large.bin"), new byte[100_000]);
        try (Daemon daemon = start()) {
            int port = HttpModeIT.port(daemon);
            for (String name : List.of("small.txt", "large.bin")) {
                assertEquals(200, status(get(port, "/" + name)));
                Files.delete(www.resolve(name));
                mkfifo(www.resolve(name));
                for (int i = 0; i < 20; i++) {
                    assertEquals(404, status(get(port, "/" + name)), name);
                }
            }
            assertTrue(get(port, "/hello.txt").endsWith("\r\n\r\nhello\n"));
        }
    }

    @Test
    void listsSpecialFilesAsPythonDoes() throws Exception {
        assumeTrue(PythonHttpServer.available(), "Debian's python3 is the reference");
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
             Daemon daemon = start(); PythonHttpServer python = PythonHttpServer.start(www, dir)) {
            socket.bind(UnixDomainSocketAddress.of(www.resolve("socket")));
            String ours = get(HttpModeIT.port(daemon), "/");
            String theirs = get(python.port(), "/");
            assertArrayEquals(theirs.substring(theirs.indexOf("\r\n\r\n")).getBytes(StandardCharsets.ISO_8859_1),
                    ours.substring(ours.indexOf("\r\n\r\n")).getBytes(StandardCharsets.ISO_8859_1), ours);
        }
    }

    /**
     * Without jnr's native library (java.io.tmpdir and the working directory unusable, as under a noexec /tmp):
     * one warning naming the reason, then special files are still refused, by a check before the open.
     */
    @Test
    void stillServesFilesAndRefusesAFifoWithoutTheNativeLibrary() throws Exception {
        Files.write(www.resolve("large.bin"), new byte[100_000]);
        try (Daemon daemon = Daemon.startWithJvmOptions(dir, Map.of("LANG", "C.UTF-8"), List.of(
                "-Djava.io.tmpdir=" + dir.resolve("missing-tmp"), "-Duser.dir=" + dir.resolve("missing-cwd")), "http", "0",
                "--bind", "127.0.0.1", "--directory", www.toString())) {
            int port = HttpModeIT.port(daemon);
            assertEquals(200, status(get(port, "/large.bin")));
            assertEquals(404, status(get(port, "/pipe")));
            assertTrue(get(port, "/hello.txt").endsWith("\r\n\r\nhello\n"));
            List<String> warnings = daemon.stderr().lines().filter(l -> l.startsWith("iterdemo:")).toList();
            assertEquals(1, warnings.size(), daemon.stderr());
            assertTrue(warnings.get(0).startsWith("iterdemo: cannot load the native library that opening files with "
                    + "O_PATH needs ("), warnings.get(0));
            assertFalse(daemon.stderr().contains(" 500 "), daemon.stderr());
        }
    }
}
