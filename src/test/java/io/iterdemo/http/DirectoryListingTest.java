package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expected pages are what Python 3.11's list_directory renders for the same entries. */
class DirectoryListingTest {
    @TempDir
    Path dir;
    final ListingMemory memory = new ListingMemory(64L * 1024 * 1024);

    private NameTable table(Object... namesAndMarks) throws Exception {
        NameTable table = new NameTable(memory);
        for (int i = 0; i < namesAndMarks.length; i += 2) {
            Object name = namesAndMarks[i];
            table.add(name instanceof byte[] bytes ? bytes : ((String) name).getBytes(StandardCharsets.UTF_8),
                    (Integer) namesAndMarks[i + 1]);
        }
        return table;
    }

    private static List<String> names(NameTable table) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            names.add(FileNames.decode(table.name(i)) + (table.marks(i) != 0 ? "(" + table.marks(i) + ")" : ""));
        }
        return names;
    }

    @Test
    void rendersPythonsMarkupWithEscapedNamesAndQuotedLinks() throws Exception {
        byte[] page = DirectoryListing.render("/docs/?a=<b>", table(
                "a b", NameTable.DIRECTORY,
                "R&D <draft>.txt", 0,
                "to-dir", NameTable.DIRECTORY | NameTable.LINK,
                "to-file", NameTable.LINK));
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
    void rendersAnEmptyDirectoryWithAnEmptyList() throws Exception {
        String page = new String(DirectoryListing.render("/", table()), StandardCharsets.UTF_8);
        assertTrue(page.contains("<hr>\n<ul>\n</ul>\n<hr>\n"), page);
    }

    @Test
    void showsANameThatIsNotUtf8ByItsOwnBytesAndLinksItWithItsEncodedSurrogate() throws Exception {
        byte[] name = {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'};
        byte[] page = DirectoryListing.render("/", table(name, 0));
        String line = new String(page, StandardCharsets.ISO_8859_1);
        // Python: quote('caf\udce9.txt', errors='surrogatepass'), then the page encoded with surrogateescape.
        assertTrue(line.contains("<li><a href=\"caf%ED%B3%A9.txt\">caf\u00e9.txt</a></li>\n"), line);
        assertEquals(1, count(page, (byte) 0xe9));
    }

    private static int count(byte[] bytes, byte b) {
        int n = 0;
        for (byte each : bytes) {
            n += each == b ? 1 : 0;
        }
        return n;
    }

    @Test
    void lengthIsTheNumberOfBytesTheStreamedPageHas() throws Exception {
        NameTable table = table("é", 0, new byte[] {(byte) 0xff}, 1, "x y", 2);
        byte[] head = DirectoryListing.head("/a b/");
        assertEquals(DirectoryListing.render("/a b/", table).length, DirectoryListing.length(head, table));
    }

    @Test
    void sortsLikePythonsCaseInsensitiveKeyAndMarksDirectoriesAndLinks() throws Exception {
        Files.writeString(dir.resolve("b.txt"), "");
        Files.writeString(dir.resolve("A.txt"), "");
        Files.createDirectory(dir.resolve("C"));
        Files.writeString(dir.resolve("_x"), "");
        Files.createSymbolicLink(dir.resolve("d"), Path.of("C"));
        NameTable table = DirectoryListing.read(dir, memory);
        // "_" (0x5f) sorts before the lowered letters, as in Python.
        assertEquals(List.of("_x", "A.txt", "b.txt", "C(1)", "d(3)"), names(table));
        table.release();
        assertEquals(0, memory.used());
    }

    /** sorted(names, key=str.lower) in CPython 3.11, names decoded with surrogateescape. */
    @Test
    void sortsNonAsciiAndUndecodableNamesByLoweredCodePointAsPythonDoes() throws Exception {
        NameTable table = table("Zoo", 0, "éa", 0, "Éb", 0, "\u0130x", 0, "i", 0, "ΣΑΣ", 0, "σας", 0,
                new byte[] {'a', (byte) 0xff}, 0, new byte[] {'a', (byte) 0xc3}, 0, "a\u00ff", 0, "\uD83D\uDE00", 0,
                "\uFFFD", 0, "B", 0, "b", 0);
        table.sort();
        // Python 3.11: the same names, bytes decoded with surrogateescape, after sorted(names, key=lambda a: a.lower()).
        List<String> expected = List.of("a\u00ff", "a\uDCC3", "a\uDCFF", "B", "b", "i", "\u0130x", "Zoo", "éa", "Éb",
                "ΣΑΣ", "σας", "\uFFFD", "\uD83D\uDE00");
        assertEquals(expected, names(table));
    }

    @Test
    void refusesAListingThatWouldExceedItsMemoryAndGivesEverythingBack() throws Exception {
        ListingMemory small = new ListingMemory(64 * 1024);
        NameTable table = new NameTable(small);
        assertThrows(ListingMemory.Exhausted.class, () -> {
            for (int i = 0; i < 10_000; i++) {
                table.add(("file-" + i + "-" + "x".repeat(200)).getBytes(StandardCharsets.US_ASCII), 0);
            }
        });
        table.release();
        assertEquals(0, small.used());
    }

    @Test
    void readsAnEntryWhoseNameIsNotUtf8WithItsBytes() throws Exception {
        byte[] name = {'c', 'a', 'f', (byte) 0xe9, '.', 't', 'x', 't'};
        Files.writeString(FileNames.resolve(dir, name), "x");
        NameTable table = DirectoryListing.read(dir, memory);
        assertEquals(1, table.size());
        assertArrayEquals(name, table.name(0));
    }
}
