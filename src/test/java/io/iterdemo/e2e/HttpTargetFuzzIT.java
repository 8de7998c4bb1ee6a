package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.WhatwgUrl;

/**
 * Random request targets, in origin and absolute form, sent byte for byte over raw sockets: dot segments in every spelling, percent-encodings
 * valid and not, overlong UTF-8, backslashes, NULs, raw bytes, queries, fragments, names of links that lead
 * out, of a FIFO and of a name that is not UTF-8. Whatever the target: nothing from outside the served
 * directory is ever in an answer, no answer is 5xx, no Location leads a browser to another host, and the
 * server still answers and stops cleanly afterwards (no thread stuck).
 *
 * <p>Seeded and reproducible: {@code -Diterdemo.fuzz.seed=N} and {@code -Diterdemo.fuzz.requests=N} change the
 * run; a failure names its seed and case.
 */
class HttpTargetFuzzIT {
    private static final String SECRET = "secret: outside the served directory";
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.[01] (\\d{3}) ");
    private static final Pattern LOCATION = Pattern.compile("\r\nLocation: ([^\r\n]*)\r\n", Pattern.CASE_INSENSITIVE);
    private static final List<String> PIECES = List.of("/", "//", "\\", "..", ".", "%2e", "%2E", "%2e%2e", ".%2e", "%2f",
            "%2F", "%5c", "%5C", "%00", "%c0%ae", "%c0%af", "%e0%80%ae", "%c1%9c", "%ED%B3%A9", "%ED%A0%80", "%e9", "%",
            "%%", "%zz", "%2", "?", "#", ";", "&", "=", "@", ":", "hello.txt", "sub", "inner.txt", "d", "link-out.txt",
            "dir-link", "parent", "secret.txt", "pipe", "caf%ED%B3%A9.txt", "etc", "passwd", "evil.example", "%09",
            "%0d%0a", "%20", "+", "~", "index.html", "\t");

    @TempDir
    Path dir;

    @Test
    void neverServesOutsideNeverFailsNeverRedirectsAwayWhateverTheTarget() throws Exception {
        long seed = Long.getLong("iterdemo.fuzz.seed", 15);
        int requests = Integer.getInteger("iterdemo.fuzz.requests", 3000);
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(dir.resolve("secret.txt"), SECRET + "\n");
        Files.createDirectory(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/secret.txt"), SECRET + "\n");
        Files.writeString(www.resolve("hello.txt"), "hello\n");
        Files.createDirectories(www.resolve("sub/d"));
        Files.writeString(www.resolve("sub/inner.txt"), "inner\n");
        Files.createSymbolicLink(www.resolve("link-out.txt"), Path.of("../secret.txt"));
        Files.createSymbolicLink(www.resolve("dir-link"), dir.resolve("outside"));
        Files.createSymbolicLink(www.resolve("parent"), Path.of(".."));
        assertEquals(0, new ProcessBuilder("mkfifo", www.resolve("pipe").toString()).start().waitFor());
        assertEquals(0, new ProcessBuilder("sh", "-c", "printf cafe > \"$(printf 'caf\\351.txt')\"").directory(www.toFile())
                .start().waitFor());
        try (Daemon daemon = Daemon.startWithJvmOptions(dir, Map.of("LANG", "C.UTF-8"), HttpLimitsIT.UNIT_FLAGS, "http",
                "0", "--bind", "127.0.0.1", "--directory", www.toString())) {
            int port = HttpModeIT.port(daemon);
            Random random = new Random(seed);
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            for (int i = 0; i < requests; i++) {
                byte[] target = target(random);
                String where = "seed " + seed + ", case " + i + ": " + printable(target);
                String response = send(port, target, random.nextBoolean());
                Matcher status = STATUS.matcher(response);
                assertTrue(status.find(), where + " -> no response: " + printable(response));
                int code = Integer.parseInt(status.group(1));
                statuses.merge(code, 1, Integer::sum);
                assertTrue(code < 500, where + " -> " + printable(response));
                assertFalse(response.contains(SECRET) || response.contains("root:x:0:0"), where + " -> " + response);
                Matcher location = LOCATION.matcher(response);
                if (location.find()) {
                    assertTrue(WhatwgUrl.staysOnTheOrigin(location.group(1)), where + " -> Location " + location.group(1));
                }
            }
            System.out.println("fuzz: seed " + seed + ", " + requests + " targets, statuses " + statuses);
            // Most targets must get past the parser, or the fuzzing would test Jetty's 400 only.
            assertTrue(statuses.getOrDefault(400, 0) < requests / 2, statuses::toString);
            // Still answering at once, and no pool thread left behind: a clean stop within its bound.
            assertTrue(HttpModeIT.raw(port, "GET /hello.txt HTTP/1.0\r\n\r\n").endsWith("\r\n\r\nhello\n"));
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(HttpModeIT.WAIT));
            assertFalse(daemon.stdout().contains("Couldn't stop") || daemon.stderr().contains("Exception"),
                    daemon.stdout() + daemon.stderr());
        }
    }

    /**
     * A target of 1 to 12 pieces, each a known piece, a random %XX, or a random raw byte (never space, CR, LF),
     * mostly after a slash, sometimes after {@code http://127.0.0.1/}, sometimes after nothing.
     */
    private static byte[] target(Random random) {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        int form = random.nextInt(10);
        if (form == 0) {
            // The absolute form (RFC 9112, 3.2.2), whose authority matches the Host header sent.
            target.writeBytes("http://127.0.0.1/".getBytes(StandardCharsets.US_ASCII));
        } else if (form > 1) {
            target.write('/');
        }
        for (int n = 1 + random.nextInt(12); n > 0; n--) {
            int kind = random.nextInt(10);
            if (kind < 7) {
                target.writeBytes(PIECES.get(random.nextInt(PIECES.size())).getBytes(StandardCharsets.ISO_8859_1));
            } else if (kind < 9) {
                target.writeBytes(String.format("%%%02X", random.nextInt(256)).getBytes(StandardCharsets.US_ASCII));
            } else {
                int b = 0x21 + random.nextInt(256 - 0x21);
                target.write(b == 0x7f ? '~' : b);
            }
        }
        return target.toByteArray();
    }

    private static String send(int port, byte[] target, boolean http11) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            socket.setSoTimeout((int) HttpModeIT.WAIT.toMillis());
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes("GET ".getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(target);
            request.writeBytes((http11 ? " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" : " HTTP/1.0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(request.toByteArray());
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String printable(byte[] bytes) {
        return printable(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.toString();
    }
}
