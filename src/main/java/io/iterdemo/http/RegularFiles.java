package io.iterdemo.http;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Optional;

import org.slf4j.LoggerFactory;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.annotations.In;

import io.iterdemo.os.NativeLibraryException;

/**
 * Opens what a request names only if it is a regular file inside the served directory, and never waits to
 * find out. {@code open(2)} of a FIFO for reading blocks until a writer comes, and of a device node may block
 * or act on the device; Python's {@code open(path, 'rb')} does just that and holds its thread, and so did the
 * JDK's open here, a pool thread per request until none was left. Python's other answer for a file it cannot
 * open is 404 "File not found", and so is it here for a FIFO, a socket or a device node: what the listing
 * shows, the server does not serve.
 *
 * <p>How: {@code open(2)} with {@code O_PATH} (Linux 2.6.39, open(2)), which resolves the path and pins the
 * inode without opening the file itself, so it never blocks and never touches a device; then the type and the
 * real path are read through {@code /proc/self/fd/N} (proc(5)), and only a regular file inside the root is
 * opened, through that same {@code /proc/self/fd/N}, which reopens the pinned inode and no other. A FIFO, or a
 * link out of the directory, swapped in between the checks and the open, is therefore caught too. The call is
 * made through jnr-ffi (a dependency of jnr-posix), with the path as raw bytes ({@link FileNames}).
 *
 * <p>Without the native library (a noexec {@code java.io.tmpdir}, see docs/decisions/native-access.md) or
 * without /proc, it falls back to the JDK: the type is checked with {@code stat(2)} before the open, which
 * refuses every special file present at the time of the request, but a FIFO swapped in within the instant
 * between the check and the open can still hold a thread until a writer opens it. The fallback is announced
 * once, on stderr.
 */
final class RegularFiles {
    /** A regular file, open for reading, with its attributes read from the open file. */
    record Opened(SeekableByteChannel channel, BasicFileAttributes attributes) {
    }

    /** The two calls needed, bound through jnr-ffi: a small binding, quick to generate. */
    public interface LibC {
        int open(@In byte[] path, int flags);

        int close(int fd);
    }

    // open(2): the values of the generic Linux ABI, which x86-64, arm64, arm, riscv64 and s390x share.
    private static final int O_PATH = 010000000;
    private static final int O_CLOEXEC = 02000000;
    private static final Path PROC_SELF_FD = Path.of("/proc/self/fd");

    private final Path root;
    private volatile LibC libc;
    private volatile boolean fallback;

    /** {@code root}: the served directory's real path. */
    RegularFiles(Path root) {
        this.root = root;
    }

    /**
     * The regular file at {@code path}, open, if it is one and its real path is inside the root; empty for
     * anything else (missing, unreadable, a directory, a FIFO, a socket, a device node, outside). Never blocks
     * on the file's type.
     */
    Optional<Opened> open(Path path) {
        LibC c = fallback ? null : libc();
        if (c == null) {
            return openChecked(path);
        }
        byte[] bytes = FileNames.pathBytes(path);
        byte[] terminated = Arrays.copyOf(bytes, bytes.length + 1);
        int fd;
        try {
            fd = c.open(terminated, O_PATH | O_CLOEXEC);
        } catch (LinkageError e) {
            // jnr links some providers at the first call: a library that fails then is as absent as at load.
            fallBack(NativeLibraryException.of("opening files with O_PATH", e).getMessage());
            return openChecked(path);
        }
        if (fd < 0) {
            return Optional.empty();
        }
        try {
            Path pinned = PROC_SELF_FD.resolve(Integer.toString(fd));
            BasicFileAttributes attributes = Files.readAttributes(pinned, BasicFileAttributes.class);
            if (!attributes.isRegularFile() || !Files.readSymbolicLink(pinned).startsWith(root)) {
                return Optional.empty();
            }
            return Optional.of(new Opened(Files.newByteChannel(pinned), attributes));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        } finally {
            c.close(fd);
        }
    }

    /**
     * Binds libc now, on a daemon thread of its own, and returns at once. jnr-ffi generates the binding's code
     * at its first use and jffi first unpacks its stub library into a temporary file: 20-40 ms that the first
     * request would otherwise wait for, done instead on a second core while Jetty starts (the first answer of a
     * socket-activated start 10-12 ms sooner, medians of 31 interleaved runs; docs/http-mode.md). A request that
     * comes first waits for the binding, as it would have made it; a failure falls back as at the first call.
     */
    void bindAhead() {
        Thread binder = new Thread(this::libc, "libc binding");
        binder.setDaemon(true);
        binder.start();
    }

    /** Whether files are opened the safe way, O_PATH first; false on the fallback. */
    boolean opensWithOPath() {
        return !fallback && libc() != null;
    }

    /** The JDK's way: stat, then open, then stat again for the size; see the class comment for what it misses. */
    private static Optional<Opened> openChecked(Path path) {
        try {
            if (!Files.readAttributes(path, BasicFileAttributes.class).isRegularFile()) {
                return Optional.empty();
            }
            SeekableByteChannel channel = Files.newByteChannel(path);
            return Optional.of(new Opened(channel, Files.readAttributes(path, BasicFileAttributes.class)));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** libc, bound at the first call; null, and a warning once, when it cannot be. */
    private LibC libc() {
        LibC bound = libc;
        if (bound != null) {
            return bound;
        }
        synchronized (this) {
            if (libc == null && !fallback) {
                if (!System.getProperty("os.name", "").equals("Linux") || !Files.isDirectory(PROC_SELF_FD)) {
                    fallBack("O_PATH and /proc/self/fd need Linux with /proc mounted");
                    return null;
                }
                try {
                    LibC loaded = LibraryLoader.create(LibC.class).load(Platform.getNativePlatform().getStandardCLibraryName());
                    // A harmless call (EBADF), so that a library that links lazily fails here, not in a request.
                    loaded.close(-1);
                    libc = loaded;
                } catch (LinkageError | RuntimeException e) {
                    fallBack(NativeLibraryException.of("opening files with O_PATH", e).getMessage());
                }
            }
            return libc;
        }
    }

    private synchronized void fallBack(String reason) {
        if (fallback) {
            return;
        }
        fallback = true;
        libc = null;
        LoggerFactory.getLogger("iterdemo").warn("{}; special files are refused by a check before the open instead, "
                + "which a FIFO swapped in at that instant can pass", reason);
    }
}
