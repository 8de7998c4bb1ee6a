package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** translate_path's rules, and the containment rule Python does not have. */
class ServedDirectoryTest {
    @TempDir
    Path temp;
    Path root;
    ServedDirectory served;

    @BeforeEach
    void setUp() throws Exception {
        root = Files.createDirectory(temp.resolve("www")).toRealPath();
        served = ServedDirectory.of(root);
    }

    private Path translated(String target) {
        return served.translate(target).orElseThrow().path();
    }

    @Test
    void dropsQueryAndFragmentAndPercentDecodes() {
        assertEquals(root.resolve("a b/c.txt"), translated("/a%20b/c.txt?x=1#top"));
    }

    @Test
    void resolvesDotSegmentsWithoutClimbingAboveTheRoot() {
        assertEquals(root.resolve("etc/passwd"), translated("/../../etc/passwd"));
        assertEquals(root.resolve("etc/passwd"), translated("/..%2f..%2fetc/passwd"));
        assertEquals(root.resolve("b"), translated("/a/./../b"));
        assertEquals(root, translated("/"));
    }

    @Test
    void remembersATrailingSlash() {
        assertTrue(served.translate("/dir/?q").orElseThrow().trailingSlash());
        assertFalse(served.translate("/dir?q=/").orElseThrow().trailingSlash());
    }

    /** Python 3.13 decodes first: an encoded slash at the end is a slash (3.11 looked at the raw target). */
    @Test
    void judgesTheTrailingSlashAfterDecodingAsPython313Does() {
        assertTrue(served.translate("/file.txt%2f").orElseThrow().trailingSlash());
        assertTrue(served.translate("/dir%2F?q").orElseThrow().trailingSlash());
        assertFalse(served.translate("/dir%2fx").orElseThrow().trailingSlash());
        assertFalse(served.translate("/dir%252f").orElseThrow().trailingSlash());
    }

    @Test
    void leadsTheLinkOfANameThatIsNotUtf8BackToItsBytes() throws Exception {
        Path file = FileNames.resolve(root, new byte[] {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'});
        Files.writeString(file, "x");
        assertEquals(Optional.of(file.toRealPath()), served.inside(translated("/caf%ED%B3%A9.txt")));
        // Python decodes a bare %E9 with replacement: U+FFFD, another name.
        assertEquals(Optional.empty(), served.inside(translated("/caf%E9.txt")));
        assertEquals(Optional.empty(), served.translate("/%ED%A0%80"));
    }

    @Test
    void refusesANulByte() {
        assertEquals(Optional.empty(), served.translate("/a%00b"));
    }

    @Test
    void acceptsFilesAndLinksThatStayInside() throws Exception {
        Path file = Files.writeString(root.resolve("a.txt"), "a");
        Files.createSymbolicLink(root.resolve("alias.txt"), Path.of("a.txt"));
        assertEquals(Optional.of(file), served.inside(root.resolve("a.txt")));
        assertEquals(Optional.of(file), served.inside(root.resolve("alias.txt")));
    }

    @Test
    void refusesALinkThatLeadsOutsideTheServedDirectory() throws Exception {
        Path secret = Files.writeString(temp.resolve("secret.txt"), "s");
        Files.createSymbolicLink(root.resolve("out.txt"), secret);
        Files.createSymbolicLink(root.resolve("up"), Path.of(".."));
        assertEquals(Optional.empty(), served.inside(root.resolve("out.txt")));
        assertEquals(Optional.empty(), served.inside(root.resolve("up/secret.txt")));
    }

    @Test
    void refusesWhatDoesNotExist() {
        assertEquals(Optional.empty(), served.inside(root.resolve("missing")));
    }
}
