package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.PythonHttpServer;

/**
 * The bounds of {@code io.iterdemo.http.ConnectionLimits}: sizes, timeouts, the connection cap, and a server that
 * still answers and stays small after abuse. Timeouts are shortened through the documented system properties;
 * every wait is bounded generously, so that a loaded machine makes the tests slower, never red.
 */
class HttpLimitsIT {
    /** packaging/iterdemo's flags for the http mode: what the unit runs, MemoryMax=100M and TasksMax=50 in mind. */
    static final List<String> UNIT_FLAGS = List.of("-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-Xss512k", "-XX:ReservedCodeCacheSize=16m", "-XX:-UsePerfData");
    static final Duration GENEROUS = Duration.ofSeconds(10);
    static final long MIB = 1024 * 1024;

    @TempDir
    Path dir;
    Path www;

    @BeforeEach
    void site() throws IOException {
        www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello\n");
    }

    private Daemon start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("http", "0", "--bind", "127.0.0.1", "--directory", www.toString()));
        command.addAll(List.of(args));
        return Daemon.startWithJvmOptions(dir, Map.of("LANG", "C.UTF-8"), jvmOptions, command.toArray(String[]::new));
    }

    private static List<String> withUnitFlags(String... more) {
        List<String> flags = new ArrayList<>(UNIT_FLAGS);
        flags.addAll(List.of(more));
        return flags;
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) GENEROUS.toMillis());
        return socket;
    }

    /** A whole GET /hello.txt answered within {@link #GENEROUS}, on a fresh connection. */
    private static void assertAnswersPromptly(int port) throws IOException {
        try (Socket socket = connect(port)) {
            socket.setSoTimeout((int) GENEROUS.toMillis());
            socket.getOutputStream().write("GET /hello.txt HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n") && response.endsWith("\r\n\r\nhello\n"), response);
        }
    }

    /** Whether the server closed {@code socket} (end of stream or reset) before {@code deadline}. */
    private static boolean closedByServer(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        while (System.nanoTime() - deadline < 0) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true;
            }
        }
        return false;
    }

    private static long status(Daemon daemon, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + daemon.pid() + "/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new AssertionError(field + " not in /proc/" + daemon.pid() + "/status");
    }

    private static String headers(int count, int valueLength) {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < count; i++) {
            headers.append("X-Header-").append(i).append(": ").append("v".repeat(valueLength)).append("\r\n");
        }
        return headers.toString();
    }

    // --- Sizes ---

    @Test
    void answersMoreThan100HeadersWith431AsPythonDoes() throws Exception {
        String request = "GET /hello.txt HTTP/1.0\r\n" + headers(101, 1) + "\r\n";
        try (Daemon daemon = start(List.of())) {
            int port = HttpModeIT.port(daemon);
            String ours = HttpModeIT.raw(port, request);
            assertTrue(ours.startsWith("HTTP/1.1 431 "), ours);
            assertTrue(ours.contains("<p>Message: Too many headers.</p>"), ours);
            assertTrue(HttpModeIT.raw(port, "GET /hello.txt HTTP/1.0\r\n" + headers(100, 1) + "\r\n")
                    .startsWith("HTTP/1.1 200 "), "100 headers are fine, as in Python");
            if (PythonHttpServer.available()) {
                try (PythonHttpServer python = PythonHttpServer.start(www, dir)) {
                    String theirs = HttpModeIT.raw(python.port(), request);
                    assertTrue(theirs.startsWith("HTTP/1.0 431 "), theirs);
                    assertEquals(theirs.substring(theirs.indexOf("\r\n\r\n")), ours.substring(ours.indexOf("\r\n\r\n")));
                }
            }
        }
    }

    /** Python has no total (100 lines of 64 KiB each); here line and headers together stop at 80 KiB. */
    @Test
    void answersARequestHeadOver80KiBWith431() throws Exception {
        try (Daemon daemon = start(List.of())) {
            int port = HttpModeIT.port(daemon);
            String response = HttpModeIT.raw(port, "GET /hello.txt HTTP/1.0\r\n" + headers(50, 2000) + "\r\n");
            assertTrue(response.startsWith("HTTP/1.1 431 "), response.substring(0, Math.min(200, response.length())));
            assertTrue(response.contains("<p>Error code: 431</p>"), response);
            assertAnswersPromptly(port);
        }
    }

    // --- Time ---

    @Test
    void closesAConnectionThatStaysIdleAfterTheIdleTimeout() throws Exception {
        try (Daemon daemon = start(List.of("-Diterdemo.http.idleTimeoutMillis=1000"), "-p", "HTTP/1.1");
             Socket silent = connect(HttpModeIT.port(daemon)); Socket kept = connect(HttpModeIT.port(daemon))) {
            // One never says anything; the other is idle after a keep-alive response.
            kept.getOutputStream().write("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            long deadline = System.nanoTime() + GENEROUS.toNanos();
            assertTrue(closedByServer(silent, deadline), "the silent connection is closed");
            byte[] response = kept.getInputStream().readAllBytes();
            assertTrue(new String(response, StandardCharsets.ISO_8859_1).endsWith("\r\n\r\nhello\n"),
                    "answered, then closed when idle");
        }
    }

    /**
     * Clients that ask for a large file or a large listing and then read nothing: the response waits in Jetty's
     * write, not in a pool thread, so more of them than the pool has threads do not stop a normal GET.
     */
    @Test
    void holdsNoThreadForClientsThatStopReadingALargeFileOrListing() throws Exception {
        Files.write(www.resolve("big.bin"), new byte[8 * 1024 * 1024]);
        Path many = Files.createDirectory(www.resolve("many"));
        for (int i = 0; i < 20_000; i++) {
            Files.createFile(many.resolve(String.format("%06d-", i) + "n".repeat(93)));
        }
        List<Socket> stalled = new ArrayList<>();
        try (Daemon daemon = start(withUnitFlags())) {
            int port = HttpModeIT.port(daemon);
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) GENEROUS.toMillis());
                socket.getOutputStream().write((i % 2 == 0 ? "GET /big.bin HTTP/1.0\r\n\r\n" : "GET /many/ HTTP/1.0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                stalled.add(socket);
            }
            assertAnswersPromptly(port);
            assertTrue(status(daemon, "Threads") <= 40, "threads: " + status(daemon, "Threads"));
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    /** Slowloris: a header a byte every 100 ms restarts the idle timeout forever, but not the request head's. */
    @Test
    void cutsOffARequestHeadTrickledAByteAtATime() throws Exception {
        try (Daemon daemon = start(List.of("-Diterdemo.http.requestHeadTimeoutMillis=2000",
                "-Diterdemo.http.idleTimeoutMillis=60000")); Socket slow = connect(HttpModeIT.port(daemon))) {
            OutputStream out = slow.getOutputStream();
            InputStream in = slow.getInputStream();
            out.write("GET /hello.txt HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            slow.setSoTimeout(100);
            long started = System.nanoTime();
            boolean cut = false;
            // Far below the 60 s idle timeout: only the request head timeout can end this loop.
            while (!cut && System.nanoTime() - started < Duration.ofSeconds(30).toNanos()) {
                try {
                    out.write('a');
                    cut = in.read() < 0;
                } catch (SocketTimeoutException e) {
                    // Nothing from the server yet: trickle on.
                } catch (SocketException e) {
                    cut = true;
                }
            }
            assertTrue(cut, "the trickled request head was cut off");
            assertAnswersPromptly(HttpModeIT.port(daemon));
            assertFalse(daemon.stderr().contains(" 500 "), "closed silently, not answered 500: " + daemon.stderr());
        }
    }

    @Test
    void refusesALimitPropertyThatIsNotAPositiveIntegerWithConfigStatus() throws Exception {
        try (Daemon daemon = start(List.of("-Diterdemo.http.maxConnections=0"))) {
            assertEquals(78, daemon.waitForExit(GENEROUS));
            assertEquals("iterdemo: iterdemo.http.maxConnections=\"0\" is not a positive integer\n", daemon.stderr());
        }
    }

    // --- Connections ---

    @Test
    void queuesConnectionsBeyondTheCapUntilIdleOnesAreClosed() throws Exception {
        try (Daemon daemon = start(List.of("-Diterdemo.http.maxConnections=4", "-Diterdemo.http.idleTimeoutMillis=3000"))) {
            int port = HttpModeIT.port(daemon);
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    idle.add(connect(port));
                }
                try (Socket fifth = connect(port)) {
                    fifth.getOutputStream().write("GET /hello.txt HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    fifth.setSoTimeout(1000);
                    // The kernel completed the handshake, but the server has not taken the connection yet.
                    try {
                        int first = fifth.getInputStream().read();
                        throw new AssertionError("answered beyond the cap of 4 connections: " + first);
                    } catch (SocketTimeoutException e) {
                        // Queued, as it should be.
                    }
                    fifth.setSoTimeout((int) GENEROUS.toMillis() * 2);
                    String response = new String(fifth.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                    assertTrue(response.endsWith("\r\n\r\nhello\n"), "answered once idle ones were closed: " + response);
                }
                long deadline = System.nanoTime() + GENEROUS.toNanos();
                for (Socket socket : idle) {
                    assertTrue(closedByServer(socket, deadline), "idle connection closed by the server");
                }
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }

    /**
     * 200 idle connections, 20 slowloris senders and 20 clients sending thousands of headers at once, under the
     * units' JVM flags: a normal GET is still answered within 10 s, the idle and slow ones are closed by the
     * server after their timeouts, and the process stays within the units' MemoryMax=100M and TasksMax=50.
     */
    @Test
    void stillAnswersPromptlyAndStaysSmallAfterIdleSlowAndOversizedClients() throws Exception {
        List<Socket> idle = new ArrayList<>();
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        ExecutorService floods = Executors.newFixedThreadPool(4);
        try (Daemon daemon = start(withUnitFlags("-Diterdemo.http.idleTimeoutMillis=3000",
                "-Diterdemo.http.requestHeadTimeoutMillis=3000"), "-p", "HTTP/1.1")) {
            int port = HttpModeIT.port(daemon);
            for (int i = 0; i < 200; i++) {
                idle.add(connect(port));
            }
            for (int i = 0; i < 20; i++) {
                Socket socket = connect(port);
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            trickle.scheduleWithFixedDelay(() -> {
                for (Socket socket : slow) {
                    try {
                        socket.getOutputStream().write('a');
                    } catch (IOException e) {
                        // Cut off by the server: what the test waits for.
                    }
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            List<Future<String>> floodAnswers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int count = i % 2 == 0 ? 5_000 : 50_000;
                floodAnswers.add(floods.submit(() -> flood(port, "GET / HTTP/1.1\r\nHost: x\r\n" + headers(count, 1)
                        + "\r\n")));
            }

            assertAnswersPromptly(port);

            for (Future<String> answer : floodAnswers) {
                String response = answer.get(GENEROUS.toSeconds() * 3, TimeUnit.SECONDS);
                assertTrue(response.isEmpty() || response.startsWith("HTTP/1.1 431 "), "refused: "
                        + response.substring(0, Math.min(100, response.length())));
            }
            long deadline = System.nanoTime() + GENEROUS.toNanos() * 2;
            for (Socket socket : idle) {
                assertTrue(closedByServer(socket, deadline), "idle connection closed after the idle timeout");
            }
            for (Socket socket : slow) {
                assertTrue(closedByServer(socket, deadline), "slowloris connection cut off");
            }
            assertAnswersPromptly(port);
            long peakKiB = status(daemon, "VmHWM");
            assertTrue(peakKiB < 100 * 1024, "peak RSS " + peakKiB / 1024 + " MiB, under MemoryMax=100M");
            long threads = status(daemon, "Threads");
            assertTrue(threads <= 40, threads + " threads, within TasksMax=50 with room");
        } finally {
            trickle.shutdownNow();
            floods.shutdownNow();
            for (Socket socket : idle) {
                socket.close();
            }
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    /**
     * Sends {@code request} and returns what the server answered; the server may answer and close before the
     * request is all written, so a failed write or a reset ends the exchange quietly.
     */
    private static String flood(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            socket.setSoTimeout((int) GENEROUS.toMillis());
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            } catch (SocketException e) {
                // Answered and closed before the end of the request.
            }
            StringBuilder response = new StringBuilder();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                    response.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (SocketException e) {
                // A reset after unread request bytes: the response, if any, is what arrived before it.
            }
            return response.toString();
        }
    }

    // --- Large files ---

    /**
     * A 96 MiB file through a JVM with a 24 MiB heap, three downloads at once: each arrives whole (length and
     * SHA-256), so files are streamed, never read whole into memory.
     */
    @Test
    void streamsAFileLargerThanTheHeapWithoutLoadingIt() throws Exception {
        assumeTrue(Files.getFileStore(dir).getUsableSpace() > 1024 * MIB, "needs room for a 96 MiB file");
        Path big = www.resolve("big.bin");
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[1024 * 1024];
        Random random = new Random(42);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 96; i++) {
                random.nextBytes(chunk);
                expected.update(chunk);
                out.write(chunk);
            }
        }
        String sha256 = HexFormat.of().formatHex(expected.digest());
        ExecutorService downloads = Executors.newFixedThreadPool(3);
        List<String> heap = List.of("-Xmx24m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        try (Daemon daemon = start(heap)) {
            int port = HttpModeIT.port(daemon);
            List<Future<String>> digests = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                digests.add(downloads.submit(() -> download(port, "/big.bin", 96 * MIB)));
            }
            for (Future<String> digest : digests) {
                assertEquals(sha256, digest.get(120, TimeUnit.SECONDS));
            }
            assertTrue(daemon.isAlive());
            assertFalse(daemon.stderr().contains("OutOfMemoryError"), daemon.stderr());
        } finally {
            downloads.shutdownNow();
        }
    }

    /** GET over a raw socket; checks the status and Content-Length, returns the body's SHA-256. */
    private static String download(int port, String path, long length) throws Exception {
        try (Socket socket = connect(port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                assertTrue(b >= 0, "closed in the response head: " + head);
                head.append((char) b);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 200 OK\r\n"), head.toString());
            assertTrue(head.toString().contains("\r\nContent-Length: " + length + "\r\n"), head.toString());
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            long received = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                received += n;
            }
            assertEquals(length, received, "body length");
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    @Test
    void keepsTheRequestLineLimitOf65536BytesAsPythonDoes() throws Exception {
        assumeTrue(PythonHttpServer.available(), "Debian's python3 is the reference");
        String tooLong = "GET /" + "a".repeat(65_600) + " HTTP/1.0\r\n\r\n";
        String fits = "GET /" + "a".repeat(65_000) + " HTTP/1.0\r\n\r\n";
        try (Daemon daemon = start(List.of()); PythonHttpServer python = PythonHttpServer.start(www, dir)) {
            int port = HttpModeIT.port(daemon);
            String ours = HttpModeIT.raw(port, tooLong);
            String theirs = HttpModeIT.raw(python.port(), tooLong);
            assertTrue(ours.startsWith("HTTP/1.1 414 "), ours.substring(0, Math.min(100, ours.length())));
            assertTrue(theirs.startsWith("HTTP/1.0 414 "), theirs.substring(0, Math.min(100, theirs.length())));
            assertArrayEquals(PythonHttpServer.withRfc9110Phrases(theirs.substring(theirs.indexOf("\r\n\r\n")))
                            .getBytes(StandardCharsets.ISO_8859_1),
                    ours.substring(ours.indexOf("\r\n\r\n")).getBytes(StandardCharsets.ISO_8859_1));
            assertTrue(HttpModeIT.raw(port, fits).startsWith("HTTP/1.1 404 "));
            assertTrue(HttpModeIT.raw(python.port(), fits).startsWith("HTTP/1.0 404 "));
        }
    }
}
