package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Chromium;
import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.PythonHttpServer;

/**
 * The open redirect of issue 15, judged by a real browser. A browser never sends a backslash in a path (it
 * turns it into a slash), so a small relay in front of the server replaces the first request's target with the
 * raw bytes an attacker's client would send, and passes the server's answer back unchanged: Chromium then
 * follows the very {@code Location} the server wrote. "Another host" is a decoy listening on 127.0.0.2; it
 * counts every connection it gets. Python's own server, behind the same relay, shows that the check catches
 * the escape: its Location takes Chromium to the decoy.
 */
class HttpRedirectBrowserIT {
    @TempDir
    Path dir;

    @Test
    void neverRedirectsABrowserToAnotherHostWhateverThePathHolds() throws Exception {
        assumeTrue(Chromium.available(), "chromium is not installed (apt-get install chromium): "
                + "the redirect cannot be checked in a real browser");
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello\n");
        try (Decoy decoy = new Decoy();
             Daemon daemon = Daemon.start(dir, Map.of("LANG", "C.UTF-8"), "http", "0", "--bind", "127.0.0.1",
                     "--directory", www.toString())) {
            int port = HttpModeIT.port(daemon);
            for (String target : new String[] {"/\\" + decoy.authority() + "/%2f..", "/\\\\" + decoy.authority() + "/%2f..",
                "/%09/" + decoy.authority() + "/%2f..", "//\\" + decoy.authority() + "/%2f.."}) {
                String dom;
                try (Relay relay = new Relay(port, target)) {
                    dom = Chromium.dumpDom(relay.url(), Files.createTempDirectory(dir, "profile"));
                }
                assertEquals(0, decoy.connections(), target + ": Chromium went to the other host; DOM: " + dom);
                assertTrue(dom.contains("Directory listing for") || dom.contains("Error response"),
                        target + ": Chromium stayed on the server; DOM: " + dom);
            }
            if (PythonHttpServer.available()) {
                try (PythonHttpServer python = PythonHttpServer.start(www, dir);
                     Relay relay = new Relay(python.port(), "/\\" + decoy.authority() + "/%2f..")) {
                    String dom = Chromium.dumpDom(relay.url(), Files.createTempDirectory(dir, "profile"));
                    assertTrue(decoy.connections() > 0 && dom.contains("DECOY"),
                            "Python's Location /\\host/ takes Chromium to the other host (the check works); DOM: " + dom);
                }
            }
        }
    }

    /** Another host: answers every connection with a page saying DECOY, and counts them. */
    private static final class Decoy implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 16, InetAddress.getByName("127.0.0.2"));
        private final AtomicInteger connections = new AtomicInteger();

        Decoy() throws IOException {
            Thread thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        connections.incrementAndGet();
                        readHead(client.getInputStream());
                        client.getOutputStream().write(("HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n"
                                + "Connection: close\r\n\r\n<p>DECOY</p>").getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        // Closed, or a client that went away: the count is what matters.
                    }
                }
            }, "decoy");
            thread.setDaemon(true);
            thread.start();
        }

        String authority() {
            return "127.0.0.2:" + socket.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * In front of the server on {@code upstream}: the first request's target becomes {@code target}, byte for byte;
     * everything else passes through unchanged, one request per connection.
     */
    private static final class Relay implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        private final AtomicBoolean first = new AtomicBoolean(true);

        Relay(int upstream, String target) throws IOException {
            Thread thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept(); Socket server = new Socket()) {
                        String head = readHead(client.getInputStream());
                        if (head.split(" ", 3).length < 3) {
                            continue; // A connection opened ahead of need, then closed: nothing to relay.
                        }
                        if (first.getAndSet(false)) {
                            String[] line = head.split(" ", 3);
                            head = line[0] + " " + target + " " + line[2];
                        }
                        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstream));
                        server.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                        client.getOutputStream().write(server.getInputStream().readAllBytes());
                    } catch (IOException e) {
                        // A connection the browser gave up: the next one is served all the same.
                    }
                }
            }, "relay");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/start";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** The request line and headers, up to and including the blank line. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
