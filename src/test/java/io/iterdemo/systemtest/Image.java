package io.iterdemo.systemtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The cached Debian image, built or reused by systemtest/build-image.sh. */
final class Image {
    private Image() {
    }

    /** Returns the image directory (vmlinuz, initrd.img, rootfs.raw) of the run's Debian release. */
    static Path ensure(Path projectDir) throws Exception {
        DebianRelease release = DebianRelease.ofRun();
        return Log.timed("image build/reuse (" + release + ")", () -> runBuildScript(projectDir, release));
    }

    private static Path runBuildScript(Path projectDir, DebianRelease release)
            throws IOException, InterruptedException {
        Path script = projectDir.resolve("systemtest/build-image.sh");
        Process process = new ProcessBuilder("bash", script.toString(), "--release", release.number())
                .directory(projectDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        // Relayed line by line so the build's progress goes through the test runner's capture.
        Thread relay = new Thread(() -> relay(process), "build-image-stderr");
        relay.start();
        List<String> stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .lines().toList();
        int exit = process.waitFor();
        relay.join();
        if (exit != 0 || stdout.isEmpty()) {
            throw new IOException(script + " failed with exit code " + exit + " (its output is above)");
        }
        Path image = Path.of(stdout.get(stdout.size() - 1));
        if (!Files.isRegularFile(image.resolve("rootfs.raw"))) {
            throw new IOException(script + " printed " + image + ", which holds no rootfs.raw");
        }
        return image;
    }

    private static void relay(Process process) {
        try (BufferedReader err = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            err.lines().forEach(System.err::println);
        } catch (IOException e) {
            Log.info("reading build-image.sh output: " + e);
        }
    }
}
