package io.iterdemo.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real browser: Debian's headless Chromium ({@code apt-get install chromium}), for what only a browser
 * decides, such as how it parses a {@code Location}. Runs as root too (hence {@code --no-sandbox}), with a
 * fresh profile and nothing that reaches the network by itself.
 */
public final class Chromium {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    private Chromium() {
    }

    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Loads {@code url}, following redirects, and returns the DOM of the page it ends on
     * ({@code chromium --headless --dump-dom}); {@code profile} must be an empty directory.
     */
    public static String dumpDom(String url, Path profile) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(profile.getParent(), "chromium-dom", ".html");
        Path stderr = Files.createTempFile(profile.getParent(), "chromium-stderr", ".txt");
        Process process = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--dump-dom", url))
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("chromium did not finish loading " + url + " within " + TIMEOUT_SECONDS + " s");
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
