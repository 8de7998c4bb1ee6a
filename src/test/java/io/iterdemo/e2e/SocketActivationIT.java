package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.NotifyReceiver;
import io.iterdemo.testing.PythonHttpServer;

/**
 * Every kind of descriptor a socket unit can pass (systemd.socket(5)), handed over by systemd's own
 * {@code systemd-socket-activate} (Debian package systemd) as systemd would, with a real notify socket: a listening
 * stream socket, TCP or Unix-domain, is served; anything else is refused with one line naming it and status 78
 * (EX_CONFIG), before READY=1, so that a Type=notify unit fails instead of looking healthy while nothing is answered.
 */
class SocketActivationIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path TOOL = Path.of("/usr/bin/systemd-socket-activate");
    static final String NEEDS = "; iterdemo http needs one listening stream socket (ListenStream= with Accept=no)\n";

    @TempDir
    Path dir;
    Path www;

    @BeforeEach
    void site() throws IOException {
        assumeTrue(Files.isExecutable(TOOL), "systemd-socket-activate (Debian package systemd) is not installed");
        www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello\n");
    }

    /** {@code systemd-socket-activate OPTIONS... java -jar iterdemo.jar http -d www}, NOTIFY_SOCKET passed on. */
    private Daemon activate(NotifyReceiver systemd, String... options) throws IOException {
        List<String> prefix = new ArrayList<>(List.of(TOOL.toString()));
        prefix.addAll(List.of(options));
        prefix.addAll(List.of("-E", "LANG", "-E", "NOTIFY_SOCKET"));
        return Daemon.start(dir, Map.of("LANG", "C.UTF-8", "NOTIFY_SOCKET", systemd.name()), prefix, "http", "-d",
                www.toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return free.getLocalPort();
        }
    }

    /** Connects, retried while systemd-socket-activate is not listening yet (it binds a moment after it starts). */
    private static SocketChannel connect(java.net.SocketAddress address, Daemon daemon) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            SocketChannel channel = SocketChannel.open(address instanceof UnixDomainSocketAddress
                    ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
            try {
                channel.connect(address);
                return channel;
            } catch (IOException e) {
                channel.close();
                if (System.nanoTime() - deadline > 0 || !daemon.isAlive()) {
                    throw new AssertionError("cannot connect to " + address + ": " + e + "; stderr: " + daemon.stderr());
                }
                Thread.sleep(20);
            }
        }
    }

    /** Sends {@code request} and reads until the server closes. */
    private static String exchange(SocketChannel channel, String request) throws IOException {
        try (channel) {
            channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.ISO_8859_1)));
            java.io.ByteArrayOutputStream response = new java.io.ByteArrayOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            while (channel.read(buffer.clear()) > 0) {
                response.write(buffer.array(), 0, buffer.position());
            }
            return response.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static void awaitStderr(Daemon daemon, String text) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!daemon.stderr().contains(text)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no \"" + text + "\" on stderr: " + daemon.stderr());
            }
            Thread.sleep(20);
        }
    }

    /** The refusal line is the mode's last word: whatever it sent systemd before it is already in the receiver. */
    private static void assertNeverReady(NotifyReceiver systemd, Daemon daemon) throws IOException {
        assertTrue(systemd.drain().stream().noneMatch(m -> m.startsWith("READY=1")), systemd.drain().toString());
        assertFalse(daemon.stdout().contains("Serving HTTP"), daemon.stdout());
        assertFalse(daemon.stderr().contains("\tat "), "no stack trace");
    }

    @Test
    void servesOnAUnixDomainSocketAndLogsThePeerAsUnix() throws Exception {
        Path socket = dir.resolve("http.sock");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = activate(systemd, "-l", socket.toString())) {
            String response = exchange(connect(UnixDomainSocketAddress.of(socket), daemon),
                    "GET /hello.txt HTTP/1.0\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
            assertTrue(response.endsWith("\r\n\r\nhello\n"), response);
            String ready = systemd.await(m -> m.startsWith("READY=1"), WAIT, "READY=1");
            assertTrue(ready.contains("on unix:" + socket), ready);
            assertTrue(daemon.stdout().startsWith("Serving HTTP on unix:" + socket + " ...\n"), daemon.stdout());
            awaitStderr(daemon, "\"GET /hello.txt HTTP/1.0\" 200 -");
            assertTrue(daemon.stderr().lines().anyMatch(l -> l.matches("unix: - - \\[.*\\] \"GET /hello\\.txt HTTP/1\\.0\" 200 -")),
                    daemon.stderr());

            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(WAIT));
            assertTrue(daemon.stdout().endsWith("SIGTERM: stopped after 1 request\n"), daemon.stdout());
            assertTrue(Files.exists(socket), "the socket file is systemd's: left in place for the next start");
        }
    }

    /** Closing the socket systemd passed must not take stdout and stderr with it (the JDK's inetd convention). */
    @Test
    void keepsWritingToStdoutAfterClosingAPassedTcpSocket() throws Exception {
        int port = freePort();
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = activate(systemd, "-l", "127.0.0.1:" + port)) {
            String response = exchange(connect(new InetSocketAddress("127.0.0.1", port), daemon),
                    "GET /hello.txt HTTP/1.0\r\n\r\n");
            assertTrue(response.endsWith("\r\n\r\nhello\n"), response);
            systemd.await(m -> m.startsWith("READY=1"), WAIT, "READY=1");
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(WAIT));
            assertTrue(daemon.stdout().endsWith("SIGTERM: stopped after 1 request\n"), daemon.stdout());
        }
    }

    /** Accept=yes: systemd accepts and passes one connection; served, it would look healthy and answer nothing. */
    @Test
    void refusesTheConnectionAcceptYesPassesBeforeReady() throws Exception {
        int port = freePort();
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = activate(systemd, "--accept", "-l", "127.0.0.1:" + port)) {
            String response;
            try {
                response = exchange(connect(new InetSocketAddress("127.0.0.1", port), daemon), "GET / HTTP/1.0\r\n\r\n");
            } catch (java.net.SocketException e) {
                response = "";
            }
            assertEquals("", response, "the connection is closed (or reset) unanswered");
            // systemd-socket-activate stays, and reports how its child, iterdemo, ended.
            awaitStderr(daemon, " died with code 78");
            assertTrue(daemon.stderr().contains("\niterdemo: socket activation (LISTEN_FDS=1): file descriptor 3 is a stream"
                    + " socket that does not listen: one connection, as Accept=yes passes it" + NEEDS), daemon.stderr());
            assertNeverReady(systemd, daemon);
        }
    }

    @Test
    void refusesADatagramSocketBeforeReady() throws Exception {
        int port = freePort();
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = activate(systemd, "--datagram", "-l", "127.0.0.1:" + port);
             DatagramChannel client = DatagramChannel.open()) {
            // The first datagram starts the service; sent until it does (the tool binds a moment after it starts).
            while (daemon.isAlive() && !daemon.stderr().contains("Execing")) {
                client.send(ByteBuffer.wrap(new byte[] {1}), new InetSocketAddress("127.0.0.1", port));
                Thread.sleep(20);
            }
            assertEquals(78, daemon.waitForExit(WAIT));
            assertTrue(daemon.stderr().endsWith("\niterdemo: socket activation (LISTEN_FDS=1): file descriptor 3 is a datagram"
                    + " socket (ListenDatagram=)" + NEEDS), daemon.stderr());
            assertNeverReady(systemd, daemon);
        }
    }

    @Test
    void refusesASequentialPacketSocketBeforeReady() throws Exception {
        assumeTrue(PythonHttpServer.available(), "python3 opens the SOCK_SEQPACKET connection");
        Path socket = dir.resolve("seq.sock");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = activate(systemd, "--seqpacket", "-l", socket.toString())) {
            String connect = "import socket, sys, time\n"
                    + "for _ in range(1500):\n"
                    + "    try:\n"
                    + "        socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET).connect(sys.argv[1]); break\n"
                    + "    except OSError: time.sleep(0.02)\n";
            new ProcessBuilder(PythonHttpServer.PYTHON.toString(), "-c", connect, socket.toString()).inheritIO().start().waitFor();
            assertEquals(78, daemon.waitForExit(WAIT));
            assertTrue(daemon.stderr().endsWith("\niterdemo: socket activation (LISTEN_FDS=1): file descriptor 3 is a"
                    + " sequential-packet socket (ListenSequentialPacket=)" + NEEDS), daemon.stderr());
            assertNeverReady(systemd, daemon);
        }
    }

    /** ListenFIFO=: systemd-socket-activate cannot pass a FIFO, so a few lines of Python do, as systemd would. */
    @Test
    void refusesAFifoBeforeReady() throws Exception {
        assumeTrue(PythonHttpServer.available(), "python3 passes the FIFO");
        String launcher = """
                import os, sys
                os.mkfifo(sys.argv[1])
                fd = os.open(sys.argv[1], os.O_RDWR | os.O_NONBLOCK)
                if fd != 3:
                    os.dup2(fd, 3)
                os.set_inheritable(3, True)
                os.environ["LISTEN_FDS"] = "1"
                os.environ["LISTEN_PID"] = str(os.getpid())
                os.execvp(sys.argv[2], sys.argv[2:])
                """;
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.start(dir, Map.of("NOTIFY_SOCKET", systemd.name()),
                     List.of(PythonHttpServer.PYTHON.toString(), "-c", launcher, dir.resolve("fifo").toString()),
                     "http", "-d", www.toString())) {
            assertEquals(78, daemon.waitForExit(WAIT));
            assertEquals("iterdemo: socket activation (LISTEN_FDS=1): file descriptor 3 is a FIFO (ListenFIFO=)" + NEEDS,
                    daemon.stderr());
            assertNeverReady(systemd, daemon);
        }
    }

    /** The JDK wraps one descriptor per process (descriptor 0, System.inheritedChannel()): one unit, one socket. */
    @Test
    void refusesSeveralSocketsNamingThemBeforeReady() throws Exception {
        int port = freePort();
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = activate(systemd, "-l", "127.0.0.1:" + port, "-l", dir.resolve("admin.sock").toString(),
                     "--fdname=web:admin")) {
            connect(new InetSocketAddress("127.0.0.1", port), daemon).close();
            assertEquals(78, daemon.waitForExit(WAIT));
            assertTrue(daemon.stderr().endsWith("\niterdemo: LISTEN_FDS=2 LISTEN_FDNAMES=web:admin: expected one listening"
                    + " socket, got 2\n"), daemon.stderr());
            assertNeverReady(systemd, daemon);
        }
    }

    /**
     * LISTEN_PID names another process (a wrapper that forked instead of exec'ing): sd_listen_fds(3) says the
     * descriptors are not ours, so the server binds its own address, and says why it did not take them.
     */
    @Test
    void bindsItsOwnAddressWithAWarningWhenListenPidNamesAnotherProcess() throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.start(dir, Map.of("LANG", "C.UTF-8", "LISTEN_FDS", "1", "LISTEN_PID", "1",
                     "NOTIFY_SOCKET", systemd.name()), "http", "0", "-b", "127.0.0.1", "-d", www.toString())) {
            int port = HttpModeIT.port(daemon);
            systemd.await(m -> m.startsWith("READY=1"), WAIT, "READY=1");
            String response = exchange(connect(new InetSocketAddress("127.0.0.1", port), daemon),
                    "GET /hello.txt HTTP/1.0\r\n\r\n");
            assertTrue(response.endsWith("\r\n\r\nhello\n"), response);
            assertTrue(daemon.stderr().startsWith("iterdemo: LISTEN_FDS=1 ignored: LISTEN_PID=1 is another process, not this"
                    + " one (" + daemon.pid() + "), so the descriptors are not ours (sd_listen_fds(3)); if a wrapper script"
                    + " starts iterdemo, it must exec it\n"), daemon.stderr());
        }
    }
}
