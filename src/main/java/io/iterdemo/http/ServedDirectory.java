package io.iterdemo.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The directory being served, and the mapping from a request target to a file in it.
 *
 * <p>{@link #translate(String)} is SimpleHTTPRequestHandler.translate_path: query and fragment dropped,
 * percent-decoded (an encoded surrogate back to the byte of a name that is not UTF-8, see {@link FileNames}),
 * {@code .} and {@code ..} resolved lexically without ever climbing above the root. What
 * Python does not do, and this class does (a deliberate difference, see {@link FileHandler}): the result is
 * accepted only if its real path, with every symbolic link followed, is still inside the served directory.
 * Python follows a link to {@code /etc} and serves what is there; here it is 404.
 */
final class ServedDirectory {
    private final Path root;

    private ServedDirectory(Path root) {
        this.root = root;
    }

    /** The served directory, by its real path so that containment checks compare like with like. */
    static ServedDirectory of(Path directory) throws IOException {
        Path real = directory.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new IOException("Not a directory");
        }
        return new ServedDirectory(real);
    }

    Path root() {
        return root;
    }

    /** Python's translate_path: the file a request target names, and whether the URL path ended with a slash. */
    record Translated(Path path, boolean trailingSlash) {
    }

    /** Maps a raw request target ({@code /a%20b/c?x#y}) to a path under the root; empty for an impossible name. */
    Optional<Translated> translate(String target) {
        String path = beforeQueryAndFragment(target);
        String decoded = PythonText.unquoteStrict(path).orElseGet(() -> PythonText.unquote(path));
        // Python 3.13 judges the slash after decoding: "file.txt%2f" is not the file (3.11 looked before).
        boolean trailingSlash = decoded.endsWith("/");
        Deque<String> words = new ArrayDeque<>();
        for (String word : decoded.split("/")) {
            if (word.isEmpty() || word.equals(".")) {
                continue;
            }
            if (word.equals("..")) {
                words.pollLast();
            } else {
                words.addLast(word);
            }
        }
        Path resolved = root;
        for (String word : words) {
            // The bytes Python's open() would pass (os.fsencode): a name that is not UTF-8 is reached by the link
            // the listing gave it. Python cannot encode some surrogates, nor pass a NUL: no file has such a name.
            Optional<byte[]> name = FileNames.encode(word);
            if (name.isEmpty() || contains(name.get(), (byte) 0)) {
                return Optional.empty();
            }
            resolved = FileNames.resolve(resolved, name.get());
        }
        return Optional.of(new Translated(resolved, trailingSlash));
    }

    private static boolean contains(byte[] bytes, byte b) {
        for (byte each : bytes) {
            if (each == b) {
                return true;
            }
        }
        return false;
    }

    private static String beforeQueryAndFragment(String target) {
        String path = target;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int fragment = path.indexOf('#');
        return fragment >= 0 ? path.substring(0, fragment) : path;
    }

    /**
     * The real path of {@code path} if it exists and lies inside the served directory, symbolic links
     * followed; empty otherwise (missing, unreadable, or escaping through {@code ..} in a link target).
     */
    Optional<Path> inside(Path path) {
        try {
            Path real = path.toRealPath();
            return real.startsWith(root) ? Optional.of(real) : Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code path} is a symbolic link itself (the listing marks those with {@code @}). */
    static boolean isLink(Path path) {
        return Files.isSymbolicLink(path);
    }

    /** Whether {@code path} is a directory, links followed, as Python's os.path.isdir. */
    static boolean isDirectory(Path path) {
        return Files.isDirectory(path);
    }

    /** Whether {@code path} is a regular file, links followed, as Python's os.path.isfile. */
    static boolean isFile(Path path) {
        return Files.isRegularFile(path);
    }
}
