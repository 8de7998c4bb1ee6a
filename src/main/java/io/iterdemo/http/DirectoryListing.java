package io.iterdemo.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The HTML page SimpleHTTPRequestHandler.list_directory renders, byte for byte: same markup, same order
 * ({@code list.sort(key=lambda a: a.lower())}, stable, so names equal but for case keep the directory's
 * order), {@code /} after directories and {@code @} after symbolic links (a link to a directory shows
 * {@code @} and links with {@code /}), names escaped with html.escape and links with urllib.parse.quote.
 * Scripts and tests that scrape Python's listings read ours unchanged.
 */
final class DirectoryListing {
    /** Python's str.lower() then code-point order (String.compareTo compares UTF-16 units, which differs above U+FFFF). */
    private static final Comparator<String> PYTHON_ORDER = (a, b) ->
            compareCodePoints(a.toLowerCase(Locale.ROOT), b.toLowerCase(Locale.ROOT));

    private DirectoryListing() {
    }

    /** One entry of a listing: its name and what Python's os.path.isdir and os.path.islink say about it. */
    record Entry(String name, boolean directory, boolean link) {
        static Entry of(Path path) {
            return new Entry(path.getFileName().toString(), ServedDirectory.isDirectory(path), ServedDirectory.isLink(path));
        }
    }

    /** The entries of {@code directory} in Python's order. */
    static List<Entry> entries(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path path : stream) {
                names.add(path.getFileName().toString());
            }
        }
        names.sort(PYTHON_ORDER);
        List<Entry> entries = new ArrayList<>(names.size());
        for (String name : names) {
            entries.add(Entry.of(directory.resolve(name)));
        }
        return entries;
    }

    /**
     * The page for {@code entries}, titled with {@code displayPath}: the request target percent-decoded,
     * query included, as Python shows it.
     */
    static byte[] render(String displayPath, List<Entry> entries) {
        String title = "Directory listing for " + PythonText.escapeHtml(displayPath);
        StringBuilder page = new StringBuilder(512 + entries.size() * 64);
        page.append("<!DOCTYPE HTML>\n")
                .append("<html lang=\"en\">\n")
                .append("<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<title>").append(title).append("</title>\n</head>\n")
                .append("<body>\n<h1>").append(title).append("</h1>\n")
                .append("<hr>\n<ul>\n");
        for (Entry entry : entries) {
            String displayName = entry.name();
            String linkName = entry.name();
            if (entry.directory()) {
                displayName = entry.name() + "/";
                linkName = entry.name() + "/";
            }
            if (entry.link()) {
                displayName = entry.name() + "@";
            }
            page.append("<li><a href=\"").append(PythonText.quote(linkName)).append("\">")
                    .append(PythonText.escapeHtml(displayName)).append("</a></li>\n");
        }
        page.append("</ul>\n<hr>\n</body>\n</html>\n");
        return page.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
