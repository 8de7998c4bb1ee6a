package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expected pages are what Python 3.11's list_directory renders for the same entries. */
class DirectoryListingTest {
    @TempDir
    Path dir;

    @Test
    void rendersPythonsMarkupWithEscapedNamesAndQuotedLinks() {
        byte[] page = DirectoryListing.render("/docs/?a=<b>", List.of(
                new DirectoryListing.Entry("a b", true, false),
                new DirectoryListing.Entry("R&D <draft>.txt", false, false),
                new DirectoryListing.Entry("to-dir", true, true),
                new DirectoryListing.Entry("to-file", false, true)));
        assertEquals("""
                <!DOCTYPE HTML>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>Directory listing for /docs/?a=&lt;b&gt;</title>
                </head>
                <body>
                <h1>Directory listing for /docs/?a=&lt;b&gt;</h1>
                <hr>
                <ul>
                <li><a href="a%20b/">a b/</a></li>
                <li><a href="R%26D%20%3Cdraft%3E.txt">R&amp;D &lt;draft&gt;.txt</a></li>
                <li><a href="to-dir/">to-dir@</a></li>
                <li><a href="to-file">to-file@</a></li>
                </ul>
                <hr>
                </body>
                </html>
                """, new String(page, StandardCharsets.UTF_8));
    }

    @Test
    void rendersAnEmptyDirectoryWithAnEmptyList() {
        String page = new String(DirectoryListing.render("/", List.of()), StandardCharsets.UTF_8);
        assertEquals(true, page.contains("<hr>\n<ul>\n</ul>\n<hr>\n"), page);
    }

    @Test
    void sortsLikePythonsCaseInsensitiveKeyAndMarksDirectoriesAndLinks() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "");
        Files.writeString(dir.resolve("A.txt"), "");
        Files.createDirectory(dir.resolve("C"));
        Files.writeString(dir.resolve("_x"), "");
        Files.createSymbolicLink(dir.resolve("d"), Path.of("C"));
        List<DirectoryListing.Entry> entries = DirectoryListing.entries(dir);
        // "_" (0x5f) sorts before the lowered letters, as in Python.
        assertEquals(List.of(
                new DirectoryListing.Entry("_x", false, false),
                new DirectoryListing.Entry("A.txt", false, false),
                new DirectoryListing.Entry("b.txt", false, false),
                new DirectoryListing.Entry("C", true, false),
                new DirectoryListing.Entry("d", true, true)), entries);
    }
}
