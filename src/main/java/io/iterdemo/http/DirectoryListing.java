package io.iterdemo.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The HTML page SimpleHTTPRequestHandler.list_directory renders, byte for byte: same markup, same order
 * (see {@link NameTable}), {@code /} after directories and {@code @} after symbolic links (a link to a
 * directory shows {@code @} and links with {@code /}), names escaped with html.escape and links with
 * urllib.parse.quote(errors='surrogatepass'), the page encoded as UTF-8 with surrogateescape: a name that is
 * not UTF-8 shows its own bytes and links to {@code %ED%B3%A9} for the byte 0xE9, which leads back to it.
 * Scripts and tests that scrape Python's listings read ours unchanged.
 *
 * <p>The page is made a piece at a time: the head, one line per entry, the foot ({@link ListingResponse} sends
 * them as they come), so that only the names are ever held, never the page.
 */
final class DirectoryListing {
    private static final byte[] FOOT = PythonText.encodePage("</ul>\n<hr>\n</body>\n</html>\n");

    private DirectoryListing() {
    }

    /**
     * The entries of {@code directory} in Python's order, held within {@code memory} (the caller releases the
     * table).
     *
     * @throws IOException when the directory cannot be read (Python: 404 "No permission to list directory")
     * @throws ListingMemory.Exhausted when the names would take the listings in progress past their budget
     */
    static NameTable read(Path directory, ListingMemory memory) throws IOException, ListingMemory.Exhausted {
        NameTable table = new NameTable(memory);
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path path : stream) {
                table.add(FileNames.nameBytes(path), marks(path));
            }
            table.sort();
            return table;
        } catch (IOException | ListingMemory.Exhausted | RuntimeException e) {
            table.release();
            throw e;
        }
    }

    /** os.path.isdir (links followed) and os.path.islink, both false when the entry cannot be stat'ed. */
    private static int marks(Path path) {
        try {
            BasicFileAttributes own = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (own.isSymbolicLink()) {
                return NameTable.LINK | (Files.isDirectory(path) ? NameTable.DIRECTORY : 0);
            }
            return own.isDirectory() ? NameTable.DIRECTORY : 0;
        } catch (IOException | SecurityException e) {
            return 0;
        }
    }

    /**
     * The page's head, titled with {@code displayPath}: the request target's path percent-decoded, without its
     * query or fragment, as Python 3.13 shows it.
     */
    static byte[] head(String displayPath) {
        String title = "Directory listing for " + PythonText.escapeHtml(displayPath);
        return PythonText.encodePage("<!DOCTYPE HTML>\n"
                + "<html lang=\"en\">\n"
                + "<head>\n"
                + "<meta charset=\"utf-8\">\n"
                + "<title>" + title + "</title>\n</head>\n"
                + "<body>\n<h1>" + title + "</h1>\n"
                + "<hr>\n<ul>\n");
    }

    /** The line of entry {@code i}. */
    static byte[] line(NameTable table, int i) {
        String name = FileNames.decode(table.name(i));
        int marks = table.marks(i);
        String displayName = name;
        String linkName = name;
        if ((marks & NameTable.DIRECTORY) != 0) {
            displayName = name + "/";
            linkName = name + "/";
        }
        if ((marks & NameTable.LINK) != 0) {
            displayName = name + "@";
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream(32 + 3 * name.length());
        PythonText.encodePage("<li><a href=\"" + PythonText.quote(linkName) + "\">" + PythonText.escapeHtml(displayName)
                + "</a></li>\n", line);
        return line.toByteArray();
    }

    /** The page's foot. */
    static byte[] foot() {
        return FOOT.clone();
    }

    /** The length of the whole page, in bytes, for Content-Length; renders every line once to count it. */
    static long length(byte[] head, NameTable table) {
        long length = head.length + FOOT.length;
        for (int i = 0; i < table.size(); i++) {
            length += line(table, i).length;
        }
        return length;
    }

    /** The whole page at once: for tests and small directories. */
    static byte[] render(String displayPath, NameTable table) {
        ByteArrayOutputStream page = new ByteArrayOutputStream();
        page.writeBytes(head(displayPath));
        for (int i = 0; i < table.size(); i++) {
            page.writeBytes(line(table, i));
        }
        page.writeBytes(FOOT);
        return page.toByteArray();
    }
}
