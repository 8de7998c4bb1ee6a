package io.iterdemo.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Content-Type SimpleHTTPRequestHandler.guess_type picks on Debian, in its order:
 * <ol>
 * <li>the handler's own {@code extensions_map} ({@code .gz .Z .bz2 .xz}), exact case, then lower case;
 * <li>the mimetypes module: its built-in table (the resource {@code python-mime.types}) overridden by every
 * file of {@code mimetypes.knownfiles} that exists, {@code /etc/mime.types} from Debian's media-types first;
 * suffixes such as {@code .tgz} expanded to {@code .tar.gz}, and a compression suffix ({@code .br}) skipped,
 * so {@code x.tgz} is {@code application/x-tar} as in Python;
 * <li>{@code application/octet-stream}.
 * </ol>
 * Files are read once, at start-up, as Python reads them on the first request.
 */
final class MimeTypes {
    static final String DEFAULT = "application/octet-stream";

    /** mimetypes.knownfiles on Linux, in order; later files override earlier ones. */
    static final List<Path> KNOWN_FILES = List.of(
            Path.of("/etc/mime.types"), Path.of("/etc/httpd/mime.types"), Path.of("/etc/httpd/conf/mime.types"),
            Path.of("/etc/apache/mime.types"), Path.of("/etc/apache2/mime.types"),
            Path.of("/usr/local/etc/httpd/conf/mime.types"), Path.of("/usr/local/lib/netscape/mime.types"),
            Path.of("/usr/local/etc/httpd/conf/mime.types"), Path.of("/usr/local/etc/mime.types"));

    private static final Map<String, String> HANDLER_EXTENSIONS = Map.of(
            ".gz", "application/gzip", ".Z", "application/octet-stream",
            ".bz2", "application/x-bzip2", ".xz", "application/x-xz");
    private static final Map<String, String> SUFFIXES = Map.of(
            ".svgz", ".svg.gz", ".tgz", ".tar.gz", ".taz", ".tar.gz", ".tz", ".tar.gz",
            ".tbz2", ".tar.bz2", ".txz", ".tar.xz");
    private static final List<String> ENCODINGS = List.of(".gz", ".Z", ".bz2", ".xz", ".br");

    private final Map<String, String> types;

    private MimeTypes(Map<String, String> types) {
        this.types = types;
    }

    /** Python's table on this machine: the built-in types, then {@link #KNOWN_FILES}. */
    static MimeTypes system() {
        return withFiles(KNOWN_FILES);
    }

    /** The built-in types, then {@code files} that exist; an unreadable file is skipped. */
    static MimeTypes withFiles(List<Path> files) {
        Map<String, String> types = new HashMap<>();
        try (InputStream builtIn = MimeTypes.class.getResourceAsStream("python-mime.types")) {
            if (builtIn == null) {
                throw new IllegalStateException("python-mime.types is missing from the jar");
            }
            read(new InputStreamReader(builtIn, StandardCharsets.UTF_8), types);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read python-mime.types from the jar", e);
        }
        for (Path file : files) {
            if (Files.isRegularFile(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    read(reader, types);
                } catch (IOException e) {
                    // Python would fail the request with a traceback; a type table we cannot read is skipped.
                }
            }
        }
        return new MimeTypes(types);
    }

    /** mimetypes.MimeTypes.readfp: "type ext ext ...", {@code #} starts a comment anywhere on the line. */
    private static void read(Reader source, Map<String, String> types) throws IOException {
        BufferedReader lines = new BufferedReader(source);
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String[] words = line.strip().split("\\s+");
            int end = words.length;
            for (int i = 0; i < words.length; i++) {
                if (words[i].startsWith("#")) {
                    end = i;
                    break;
                }
            }
            if (end == 0 || words[0].isEmpty()) {
                continue;
            }
            for (int i = 1; i < end; i++) {
                types.put("." + words[i], words[0]);
            }
        }
    }

    /** The Content-Type for a file name, as guess_type returns it. */
    String guess(String fileName) {
        String ext = extension(fileName);
        String type = HANDLER_EXTENSIONS.get(ext);
        if (type == null) {
            type = HANDLER_EXTENSIONS.get(ext.toLowerCase(Locale.ROOT));
        }
        if (type == null) {
            type = mimetypesGuess(fileName);
        }
        return type != null ? type : DEFAULT;
    }

    /** mimetypes.guess_type(path)[0]. */
    private String mimetypesGuess(String fileName) {
        String base = stem(fileName);
        String ext = extension(fileName);
        String expansion;
        while ((expansion = SUFFIXES.get(ext.toLowerCase(Locale.ROOT))) != null) {
            String expanded = base + expansion;
            base = stem(expanded);
            ext = extension(expanded);
        }
        if (ENCODINGS.contains(ext)) {
            String rest = base;
            base = stem(rest);
            ext = extension(rest);
        }
        return types.get(ext.toLowerCase(Locale.ROOT));
    }

    /** posixpath.splitext's extension: from the last dot, unless the dots all lead the name (".bashrc"). */
    static String extension(String name) {
        int dot = dotIndex(name);
        return dot < 0 ? "" : name.substring(dot);
    }

    private static String stem(String name) {
        int dot = dotIndex(name);
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static int dotIndex(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot <= slash + 1) {
            return -1;
        }
        for (int i = slash + 1; i < dot; i++) {
            if (name.charAt(i) != '.') {
                return dot;
            }
        }
        return -1;
    }
}
