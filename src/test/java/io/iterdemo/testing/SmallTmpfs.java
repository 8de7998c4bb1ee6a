package io.iterdemo.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real, tiny file system: a tmpfs of a few KiB mounted on a fresh directory, so that a write fills it for real
 * (short write, then ENOSPC) instead of failing outright as /dev/full does. Needs root (or CAP_SYS_ADMIN); the
 * test is skipped, with an assumption, where mounting is impossible.
 */
public final class SmallTmpfs implements AutoCloseable {
    private final Path root;

    private SmallTmpfs(Path root) {
        this.root = root;
    }

    /** Mounts a tmpfs of {@code kibibytes} KiB on a new directory under {@code parent}. */
    public static SmallTmpfs mount(Path parent, int kibibytes) throws IOException, InterruptedException {
        Path root = Files.createTempDirectory(parent, "tmpfs");
        int status = run("mount", "-t", "tmpfs", "-o", "size=" + kibibytes + "k,mode=0755", "tmpfs", root.toString());
        assumeTrue(status == 0, "cannot mount a tmpfs (mount exit " + status + "; needs root)");
        return new SmallTmpfs(root);
    }

    public Path root() {
        return root;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("umount", root.toString());
    }
}
