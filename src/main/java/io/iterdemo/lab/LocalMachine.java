package io.iterdemo.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The machine {@code iterdemo lab} runs on: commands through {@code /bin/sh -c} in the lab directory. */
final class LocalMachine implements Machine {
    private final Path labDirectory;
    private final Map<String, String> environment;

    LocalMachine(Path labDirectory) {
        this(labDirectory, Map.of());
    }

    /** With {@code environment} added to the commands' (tests put their own systemctl first in PATH). */
    LocalMachine(Path labDirectory, Map<String, String> environment) {
        this.labDirectory = labDirectory;
        this.environment = environment;
    }

    @Override
    public Outcome sh(String commandLine, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", commandLine)
                .directory(labDirectory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // systemctl and journalctl would otherwise page or colour their output.
        builder.environment().put("SYSTEMD_PAGER", "cat");
        builder.environment().put("SYSTEMD_COLORS", "0");
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().putAll(environment);
        Process process = builder.start();
        Drain out = new Drain(process.getInputStream());
        Drain err = new Drain(process.getErrorStream());
        out.start();
        err.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            out.join();
            err.join();
            return new Outcome(124, out.text(), err.text() + "\n(killed after " + timeout.toSeconds() + " s)");
        }
        out.join();
        err.join();
        return new Outcome(process.exitValue(), out.text(), err.text());
    }

    @Override
    public Optional<String> read(String path) {
        try {
            return Optional.of(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** Reads a child's output to the end, so that a chatty command never blocks on a full pipe. */
    private static final class Drain extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Drain(InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (in) {
                in.transferTo(bytes);
            } catch (IOException e) {
                // The process is gone; what it wrote so far is all there is.
            }
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
