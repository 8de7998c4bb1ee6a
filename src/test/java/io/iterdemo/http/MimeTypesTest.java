package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MimeTypesTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void triesTheHandlersOwnMapFirstThenMimetypesThenOctetStream() {
        MimeTypes types = MimeTypes.withFiles(List.of());
        assertEquals("application/gzip", types.guess("a.tar.gz"));
        assertEquals("application/gzip", types.guess("A.GZ"));
        assertEquals("text/html", types.guess("index.HTML"));
        assertEquals("text/x-python", types.guess("app.py"));
        assertEquals("application/octet-stream", types.guess("README"));
        assertEquals("application/octet-stream", types.guess(".bashrc"));
        assertEquals("application/octet-stream", types.guess("x.unknown-ext"));
    }

    /** Python 3.13's table (RFC 9239's text/javascript, RFC 7763's text/markdown), where no mime.types file exists. */
    @Test
    void knowsPython313sBuiltInTypesWhenNoMimeTypesFileExists() {
        MimeTypes types = MimeTypes.withFiles(List.of());
        assertEquals("text/javascript", types.guess("app.js"));
        assertEquals("text/javascript", types.guess("module.mjs"));
        assertEquals("text/markdown", types.guess("README.md"));
        assertEquals("image/webp", types.guess("photo.webp"));
        assertEquals("text/x-rst", types.guess("index.rst"));
    }

    @Test
    void expandsSuffixesAndSkipsACompressionSuffixAsMimetypesDoes() {
        MimeTypes types = MimeTypes.withFiles(List.of());
        assertEquals("application/x-tar", types.guess("backup.tgz"));
        assertEquals("application/x-tar", types.guess("backup.tar.br"));
        assertEquals("application/octet-stream", types.guess("page.br"));
    }

    @Test
    void letsAMimeTypesFileOverrideTheBuiltInTable() throws Exception {
        Path file = Files.writeString(dir.resolve("mime.types"), """
                # comment
                text/x-custom    py custom  # trailing comment
                """);
        MimeTypes types = MimeTypes.withFiles(List.of(file, dir.resolve("absent")));
        assertEquals("text/x-custom", types.guess("app.py"));
        assertEquals("text/x-custom", types.guess("a.CUSTOM"));
    }

    /** Every extension Debian's /etc/mime.types and Python know, guessed by both: the same answer. */
    @Test
    void agreesWithPythonsGuessTypeOnThisMachine() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "Debian's python3 is needed for the comparison");
        List<String> names = new ArrayList<>(List.of("a.tgz", "a.svgz", "a.tar.br", "a.Z", "a.XZ", "noext", "a.TXT"));
        for (String line : Files.readAllLines(Path.of("/etc/mime.types"), StandardCharsets.UTF_8)) {
            String[] words = line.strip().split("\\s+");
            for (int i = 1; i < words.length && !line.startsWith("#"); i++) {
                names.add("file." + words[i]);
            }
        }
        Path input = Files.write(dir.resolve("names"), names);
        Process python = new ProcessBuilder(PYTHON.toString(), "-c", """
                import sys, http.server
                h = http.server.SimpleHTTPRequestHandler.__new__(http.server.SimpleHTTPRequestHandler)
                for name in open(sys.argv[1]).read().splitlines():
                    print(h.guess_type('/srv/' + name))
                """, input.toString()).redirectErrorStream(true).start();
        List<String> expected = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        python.waitFor(30, TimeUnit.SECONDS);
        MimeTypes ours = MimeTypes.system();
        List<String> actual = names.stream().map(name -> ours.guess(name)).toList();
        assertEquals(expected, actual);
    }
}
