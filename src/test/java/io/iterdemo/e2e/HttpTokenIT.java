package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.NotifyReceiver;
import io.iterdemo.testing.PythonHttpServer;

/**
 * The access token from the systemd credential {@code token}: the jar as a process, with CREDENTIALS_DIRECTORY
 * naming a directory that holds {@code token} with mode 0400, as systemd prepares it for LoadCredential=.
 */
class HttpTokenIT {
    @TempDir
    Path dir;
    Path www;
    Path credentials;
    /** A fresh value each test, so that finding it in an output cannot be a coincidence. */
    final String secret = "tok-" + UUID.randomUUID();
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void site() throws IOException {
        www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello\n");
        credentials = Files.createDirectory(dir.resolve("credentials"));
    }

    private Path tokenFile(String content) throws IOException {
        Path token = credentials.resolve("token");
        Files.writeString(token, content);
        Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("r--------"));
        return token;
    }

    private Daemon start(Map<String, String> extraEnv) throws IOException {
        Map<String, String> env = new HashMap<>(Map.of("LANG", "C.UTF-8"));
        env.putAll(extraEnv);
        return Daemon.start(dir, env, "http", "0", "--bind", "127.0.0.1", "--directory", www.toString());
    }

    private Daemon startWithCredentials() throws IOException {
        return start(Map.of("CREDENTIALS_DIRECTORY", credentials.toString()));
    }

    private HttpResponse<byte[]> send(String method, int port, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(HttpModeIT.WAIT);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static void awaitStderrLines(Daemon daemon, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + HttpModeIT.WAIT.toNanos();
        while (daemon.stderr().lines().count() < count) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("expected " + count + " lines on stderr: " + daemon.stderr());
            }
            Thread.sleep(20);
        }
    }

    /** The body BaseHTTPRequestHandler.send_error(401) writes, from Debian's python3 itself. */
    private static byte[] pythonsPageFor401() throws IOException, InterruptedException {
        String script = """
                import http.server, io, sys
                h = http.server.BaseHTTPRequestHandler.__new__(http.server.BaseHTTPRequestHandler)
                h.wfile, h.request_version, h.command = io.BytesIO(), "HTTP/1.0", "GET"
                h.requestline, h.client_address = "GET / HTTP/1.0", ("127.0.0.1", 0)
                h.log_message = lambda *args: None
                h.send_error(401)
                sys.stdout.buffer.write(h.wfile.getvalue().split(b"\\r\\n\\r\\n", 1)[1])
                """;
        Process python = new ProcessBuilder(PythonHttpServer.PYTHON.toString(), "-c", script).start();
        byte[] page = python.getInputStream().readAllBytes();
        assertEquals(0, python.waitFor(), new String(python.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return page;
    }

    @Test
    void refusesARequestWithoutTheTokenWith401AndABearerChallenge() throws Exception {
        tokenFile(secret + "\n");
        try (Daemon daemon = startWithCredentials()) {
            int port = HttpModeIT.port(daemon);
            String response = HttpModeIT.raw(port, "GET /hello.txt HTTP/1.1\r\nHost: localhost\r\n\r\n");
            String head = response.substring(0, response.indexOf("\r\n\r\n") + 2);
            assertTrue(head.startsWith("HTTP/1.1 401 Unauthorized\r\n"), head);
            for (String line : List.of("WWW-Authenticate: Bearer realm=\"iterdemo\"", "Content-Type: text/html;charset=utf-8",
                    "Content-Length: 346", "Connection: close")) {
                assertTrue(head.contains("\r\n" + line + "\r\n"), line + " in " + head);
            }
            assertTrue(response.endsWith("<p>Error code: 401</p>\n        <p>Message: Unauthorized.</p>\n"
                    + "        <p>Error code explanation: 401 - No permission -- see authorization schemes.</p>\n"
                    + "    </body>\n</html>\n"), response);
            awaitStderrLines(daemon, 2);
            List<String> log = daemon.stderr().lines().toList();
            assertTrue(log.get(0).endsWith("] code 401, message Unauthorized"), log.get(0));
            assertTrue(log.get(1).endsWith("] \"GET /hello.txt HTTP/1.1\" 401 -"), log.get(1));
        }
    }

    @Test
    void answers401WithThePagePythonsSendErrorWrites() throws Exception {
        assumeTrue(PythonHttpServer.available(), "Debian's python3 is the reference");
        tokenFile(secret);
        try (Daemon daemon = startWithCredentials()) {
            HttpResponse<byte[]> ours = send("GET", HttpModeIT.port(daemon), "/hello.txt");
            assertEquals(401, ours.statusCode());
            assertArrayEquals(pythonsPageFor401(), ours.body(), text(ours));
        }
    }

    @Test
    void refusesAWrongTokenWhateverTheMethodOrPath() throws Exception {
        tokenFile(secret);
        try (Daemon daemon = startWithCredentials()) {
            int port = HttpModeIT.port(daemon);
            for (String authorization : List.of("Bearer wrong", "Bearer " + secret.substring(1), "Basic " + secret, secret)) {
                HttpResponse<byte[]> refused = send("GET", port, "/hello.txt", "Authorization", authorization);
                assertEquals(401, refused.statusCode(), authorization);
                assertEquals("Bearer realm=\"iterdemo\"", header(refused, "WWW-Authenticate"));
            }
            // Not 404 nor 501: without the token nothing is revealed, not even whether a file exists.
            assertEquals(401, send("GET", port, "/missing.txt", "Authorization", "Bearer wrong").statusCode());
            assertEquals(401, send("GET", port, "/missing.txt").statusCode());
            assertEquals(401, send("POST", port, "/hello.txt").statusCode());
            HttpResponse<byte[]> head = send("HEAD", port, "/hello.txt");
            assertEquals(401, head.statusCode());
            assertEquals(0, head.body().length);
            assertEquals("Bearer realm=\"iterdemo\"", header(head, "WWW-Authenticate"));
        }
    }

    @Test
    void servesTheFileToARequestWithTheRightToken() throws Exception {
        tokenFile(secret + "\n");
        try (Daemon daemon = startWithCredentials()) {
            int port = HttpModeIT.port(daemon);
            HttpResponse<byte[]> file = send("GET", port, "/hello.txt", "Authorization", "Bearer " + secret);
            assertEquals(200, file.statusCode());
            assertEquals("hello\n", text(file));
            assertEquals(null, header(file, "WWW-Authenticate"));
            HttpResponse<byte[]> head = send("HEAD", port, "/hello.txt", "Authorization", "Bearer " + secret);
            assertEquals(200, head.statusCode());
            assertEquals("6", header(head, "Content-Length"));
            assertEquals(0, head.body().length);
            // Past the token, Python's behaviour as without one.
            assertEquals(404, send("GET", port, "/missing.txt", "Authorization", "Bearer " + secret).statusCode());
            assertEquals(501, send("POST", port, "/hello.txt", "Authorization", "Bearer " + secret).statusCode());
            assertTrue(text(send("GET", port, "/", "Authorization", "bearer " + secret)).contains("hello.txt"));
        }
    }

    @Test
    void neverWritesTheTokenToTheOutputsOrToSystemd() throws Exception {
        Path token = tokenFile(secret + "\n");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = start(Map.of("CREDENTIALS_DIRECTORY", credentials.toString(), "NOTIFY_SOCKET", systemd.name()))) {
            systemd.await(m -> m.startsWith("READY=1"), HttpModeIT.WAIT, "READY=1");
            int port = HttpModeIT.port(daemon);
            send("GET", port, "/hello.txt", "Authorization", "Bearer " + secret);
            send("GET", port, "/hello.txt", "Authorization", "Bearer " + secret + "x");
            // Half in the path, which the access log shows as any path; half in the header, which it never shows.
            send("GET", port, "/" + secret.substring(0, 8), "Authorization", "Bearer " + secret.substring(8));
            systemd.await(m -> m.endsWith(", 3 requests served"), HttpModeIT.WAIT, "STATUS with 3 requests");
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(HttpModeIT.WAIT));
            List<String> stdout = daemon.stdout().lines().toList();
            assertEquals("Requests need \"Authorization: Bearer TOKEN\", TOKEN from credential \"token\" (" + token + ")",
                    stdout.get(1));
            for (String output : List.of(daemon.stdout(), daemon.stderr(), String.join("\n", systemd.drain()))) {
                assertFalse(output.contains(secret.substring(8)), output);
                assertFalse(output.contains("Bearer " + secret.substring(0, 8)), output);
            }
        }
    }

    @Test
    void ignoresATokenInTheEnvironment() throws Exception {
        try (Daemon daemon = start(Map.of("TOKEN", secret, "token", secret, "ITERDEMO_TOKEN", secret))) {
            int port = HttpModeIT.port(daemon);
            assertEquals("hello\n", text(send("GET", port, "/hello.txt")));
            assertEquals(200, send("GET", port, "/hello.txt", "Authorization", "Bearer wrong").statusCode());
            assertEquals(1, daemon.stdout().lines().count(), daemon.stdout());
        }
    }

    @Test
    void requiresNoTokenWhenTheCredentialsDirectoryHoldsNone() throws Exception {
        Files.writeString(credentials.resolve("other"), secret);
        try (Daemon daemon = startWithCredentials()) {
            int port = HttpModeIT.port(daemon);
            assertEquals("hello\n", text(send("GET", port, "/hello.txt")));
            assertEquals(1, daemon.stdout().lines().count(), daemon.stdout());
        }
    }

    @Test
    void refusesAnEmptyTokenFileWithConfigStatus() throws Exception {
        Path token = tokenFile("\n");
        try (Daemon daemon = startWithCredentials()) {
            assertEquals(78, daemon.waitForExit(HttpModeIT.WAIT));
            assertEquals("iterdemo: credential " + token + " is empty\n", daemon.stderr());
        }
    }

    @Test
    void refusesATokenFileThatCannotBeReadWithNoInputStatus() throws Exception {
        // Tests may run as root, whom mode 0000 does not stop; a directory cannot be read as a file by anyone.
        Path token = Files.createDirectory(credentials.resolve("token"));
        try (Daemon daemon = startWithCredentials()) {
            assertEquals(66, daemon.waitForExit(HttpModeIT.WAIT));
            assertEquals("iterdemo: cannot read credential " + token + ": Is a directory\n", daemon.stderr());
        }
    }
}
