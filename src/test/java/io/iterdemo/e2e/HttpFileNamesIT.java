package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.PythonHttpServer;

/**
 * File names are bytes: every name on disk is listed, linked and served, whether or not it is UTF-8, in any
 * locale, as Python does (os.listdir with surrogateescape, links quoted with surrogatepass). Issue 15: under
 * LANG=C.UTF-8, {@code caf\xe9.txt} was listed as {@code caf\uFFFD.txt}, linked to {@code caf%EF%BF%BD.txt},
 * which was 404, and {@code caf\xe8.txt} looked the same.
 */
class HttpFileNamesIT {
    private static final Pattern LINK = Pattern.compile("<a href=\"([^\"]*)\">");

    @TempDir
    Path dir;
    Path www;
    /** Each file's content is its name's bytes in hex, so that a wrong file cannot pass for the right one. */
    final List<byte[]> names = List.of(bytes("caf", 0xe9, ".txt"), bytes("caf", 0xe8, ".txt"), bytes("café.txt"),
            bytes("x", 0xff, 0xfe, " y&<z>.bin"), bytes("", 0xed, 0xa0, 0x80), bytes("", 0xc0, 0xaf), bytes("plain.txt"),
            bytes("%41", 0xe9), bytes("\uD83D\uDE00"));

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    /** A name as bytes needs a shell to be created: Java's String paths cannot hold it. */
    private void create(Path directory, byte[] name, String content) throws IOException, InterruptedException {
        StringBuilder printf = new StringBuilder();
        for (byte b : name) {
            printf.append(String.format("\\%03o", b & 0xff));
        }
        Process sh = new ProcessBuilder("sh", "-c", "printf '%s' \"$1\" > \"$(printf \"$2\")\"", "sh", content,
                printf.toString()).directory(directory.toFile()).inheritIO().start();
        assertEquals(0, sh.waitFor());
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    @BeforeEach
    void site() throws Exception {
        www = Files.createDirectory(dir.resolve("www"));
        for (byte[] name : names) {
            create(www, name, hex(name));
        }
        Files.createDirectory(www.resolve("sub"));
        Process mkdir = new ProcessBuilder("sh", "-c", "mkdir \"$(printf 'sub/d\\377')\" && printf inner > \"$(printf "
                + "'sub/d\\377/f\\351')\"").directory(www.toFile()).inheritIO().start();
        assertEquals(0, mkdir.waitFor());
    }

    private Daemon start(Map<String, String> env) throws IOException {
        return Daemon.start(dir, env, "http", "0", "--bind", "127.0.0.1", "--directory", www.toString());
    }

    private static byte[] body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    private static String location(String response) {
        return response.lines().filter(l -> l.startsWith("Location: ")).findFirst().orElse("no Location: " + response);
    }

    private static List<String> links(byte[] page) {
        List<String> links = new ArrayList<>();
        Matcher link = LINK.matcher(new String(page, StandardCharsets.ISO_8859_1));
        while (link.find()) {
            links.add(link.group(1));
        }
        return links;
    }

    @ParameterizedTest(name = "LANG={0}")
    @ValueSource(strings = {"C.UTF-8", "C", ""})
    void listsLinksAndServesEveryNameOnDiskByteForByteAsPythonDoes(String lang) throws Exception {
        Map<String, String> env = new HashMap<>();
        if (!lang.isEmpty()) {
            env.put("LANG", lang);
        }
        try (Daemon daemon = start(env)) {
            int port = HttpModeIT.port(daemon);
            byte[] listing = body(HttpModeIT.raw(port, "GET / HTTP/1.0\r\n\r\n"));
            List<String> links = links(listing);
            assertEquals(names.size() + 1, links.size(), new String(listing, StandardCharsets.ISO_8859_1));
            for (String link : links) {
                String response = HttpModeIT.raw(port, "GET /" + link + " HTTP/1.0\r\n\r\n");
                assertEquals(200, status(response), link + ": " + response);
                if (!link.equals("sub/")) {
                    byte[] expected = names.stream().filter(n -> hex(n).equals(new String(body(response),
                            StandardCharsets.ISO_8859_1))).findFirst().orElseThrow(() -> new AssertionError(
                                    link + " served another file: " + response));
                    assertFalse(expected.length == 0);
                }
            }
            String inner = HttpModeIT.raw(port, "GET /sub/d%ED%B3%BF/f%ED%B3%A9 HTTP/1.0\r\n\r\n");
            assertEquals("inner", new String(body(inner), StandardCharsets.ISO_8859_1), inner);
            if (PythonHttpServer.available()) {
                boolean python313 = PythonHttpServer.isTheFollowedRelease();
                try (PythonHttpServer python = PythonHttpServer.start(www, dir)) {
                    for (String path : List.of("/", "/sub/", "/sub/d%ED%B3%BF/", "/sub/d%ED%B3%BF/?q=%ED%B3%A9")) {
                        byte[] ours = body(HttpModeIT.raw(port, "GET " + path + " HTTP/1.0\r\n\r\n"));
                        byte[] theirs = body(HttpModeIT.raw(python.port(), "GET "
                                + PythonHttpServer.targetAnsweredAsPython313Answers(path, python313) + " HTTP/1.0\r\n\r\n"));
                        assertArrayEquals(theirs, ours, path + ": " + new String(ours, StandardCharsets.ISO_8859_1));
                    }
                    // A directory that is not UTF-8, asked without its slash: the same redirect as Python's.
                    String ours = HttpModeIT.raw(port, "GET /sub/d%ED%B3%BF?x HTTP/1.0\r\n\r\n");
                    String theirs = HttpModeIT.raw(python.port(), "GET /sub/d%ED%B3%BF?x HTTP/1.0\r\n\r\n");
                    assertEquals(301, status(ours), ours);
                    assertEquals(location(theirs), location(ours));
                }
            }
            assertFalse(daemon.stderr().contains("iterdemo:"), "no warning about the locale: " + daemon.stderr());
        }
    }

    /**
     * The one place the locale still matters: the JVM decodes its arguments with it, so without a UTF-8 locale a
     * non-ASCII DIRECTORY argument cannot be named (Python, in UTF-8 mode, can). One line and status 64, no stack
     * trace; the launcher sets LANG=C.UTF-8 when no locale is set.
     */
    @org.junit.jupiter.api.Test
    void refusesADirectoryArgumentTheLocaleCannotEncodeWithOneLine() throws Exception {
        Path accented = Files.createDirectory(dir.resolve("dé"));
        try (Daemon daemon = Daemon.start(dir, Map.of("LANG", "C"), "http", "0", "-d", accented.toString())) {
            assertEquals(64, daemon.waitForExit(HttpModeIT.WAIT));
            String stderr = daemon.stderr();
            assertEquals(1, stderr.lines().count(), stderr);
            assertTrue(stderr.startsWith("iterdemo: http: directory \"") && stderr.endsWith("; set LANG=C.UTF-8\n"), stderr);
        }
    }
}
