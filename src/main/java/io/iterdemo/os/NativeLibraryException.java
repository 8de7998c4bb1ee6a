package io.iterdemo.os;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * jnr's native library could not be loaded; the message says why, where, and what to change, in one line.
 *
 * <p>jnr-unixsocket (sd_notify) and jnr-posix (socket activation) call C through jffi, whose small native stub
 * ({@code libjffi-1.x.so}) travels inside the jar. jffi writes it into {@code java.io.tmpdir}, or else into the
 * working directory ({@code user.dir}), and dlopen(3)s it from there; {@code -Djffi.extract.dir} replaces both.
 * A directory on a noexec mount (systemd's {@code NoExecPaths=}, a hardened /tmp) refuses the dlopen, a
 * read-only one ({@code ProtectSystem=strict} makes the working directory / read-only) refuses the write.
 * The JDK then reports an UnsatisfiedLinkError two wrappers deep whose message carries jffi's own stack trace
 * as text, and only the last directory's failure at that: this class digs the operating system's reason out
 * of it and names both directories.
 *
 * <p>jffi's own advice, "Set TMPDIR", does not work: the JVM on Linux ignores TMPDIR, java.io.tmpdir is /tmp
 * unless set on the command line.
 */
public final class NativeLibraryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** How jffi's messages say that the directory it extracts to refused the write or the dlopen. */
    private static final List<String> EXTRACTION_FAILURES = List.of("jffi binary stub", "could not load jffi library from");
    private static final String JFFI_PREAMBLE = "original error message follows: ";
    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ more).*");
    private static final Pattern CLASS_NAME = Pattern.compile("(?:[A-Za-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Error|Exception)(?::\\s*|$)");
    private static final Pattern REPEATED_PATH = Pattern.compile("(/[^:]*): \\1: ");
    private static final String SYSTEMD_REMEDY = "(under systemd: CacheDirectory=iterdemo and -Djava.io.tmpdir=%C/iterdemo)";

    private NativeLibraryException(String message) {
        super(message);
    }

    /**
     * The failure of {@code error} (a LinkageError out of jnr) to load what {@code purpose} needs, explained with
     * this JVM's directories.
     */
    public static NativeLibraryException of(String purpose, Throwable error) {
        return new NativeLibraryException(message(purpose, error, System.getProperties()));
    }

    static String message(String purpose, Throwable error, Properties properties) {
        String head = "cannot load the native library that " + purpose + " needs (" + reason(error) + ")";
        if (!isExtractionFailure(error)) {
            return head;
        }
        String extractDir = properties.getProperty("jffi.extract.dir");
        if (extractDir != null) {
            return head + ": jffi.extract.dir (" + extractDir + ") must allow writing and executing files; point it at"
                    + " a directory that does";
        }
        String tmpdir = properties.getProperty("java.io.tmpdir", "/tmp");
        String workdir = properties.getProperty("user.dir", "/");
        String where = sameDirectory(tmpdir, workdir)
                ? "java.io.tmpdir (" + tmpdir + ") must"
                : "java.io.tmpdir (" + tmpdir + "), or else the working directory (" + workdir + "), must";
        return head + ": " + where + " allow writing and executing files; point -Djava.io.tmpdir at a directory that"
                + " does " + SYSTEMD_REMEDY;
    }

    /**
     * The operating system's words at the bottom of the chain ("Read-only file system", "…/jffi123.so: failed to
     * map segment from shared object"), without jffi's preamble, class names or stack frames.
     */
    static String reason(Throwable error) {
        Throwable deepest = deepest(error);
        String text = deepest.getMessage();
        if (text == null || text.isBlank()) {
            return deepest.getClass().getSimpleName();
        }
        // The text is jffi's failure printed with printStackTrace: blocks of message lines, each followed by
        // stack frames, each "Caused by:" starting a deeper block. The last block is the root cause, and its
        // last line the most specific (dlopen's error comes on the line after jffi's advice).
        List<String> block = new ArrayList<>();
        boolean inFrames = false;
        for (String line : text.split("\n")) {
            if (STACK_FRAME.matcher(line).matches()) {
                inFrames = true;
            } else if (line.startsWith("Caused by: ") || inFrames) {
                block.clear();
                block.add(line.startsWith("Caused by: ") ? line.substring("Caused by: ".length()) : line);
                inFrames = false;
            } else {
                block.add(line);
            }
        }
        String root = block.isEmpty() ? text : block.get(block.size() - 1);
        int preamble = root.indexOf(JFFI_PREAMBLE);
        if (preamble >= 0) {
            root = root.substring(preamble + JFFI_PREAMBLE.length());
        }
        for (Matcher name = CLASS_NAME.matcher(root); name.lookingAt(); name = CLASS_NAME.matcher(root)) {
            root = root.substring(name.end());
        }
        // The JDK prefixes dlopen's message, which already starts with the path, with the path again.
        root = REPEATED_PATH.matcher(root).replaceFirst("$1: ").replace('\t', ' ').strip();
        return root.isEmpty() ? deepest.getClass().getSimpleName() : root;
    }

    private static Throwable deepest(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable deepest = error;
        while (deepest.getCause() != null && seen.add(deepest)) {
            deepest = deepest.getCause();
        }
        return deepest;
    }

    private static boolean isExtractionFailure(Throwable error) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            String text = t.getMessage();
            if (text != null && EXTRACTION_FAILURES.stream().anyMatch(text::contains)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameDirectory(String a, String b) {
        try {
            return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            return a.equals(b);
        }
    }
}
