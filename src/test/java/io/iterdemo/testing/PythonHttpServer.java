package io.iterdemo.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference: Debian's {@code python3 -m http.server} serving a directory on a free loopback port, so that
 * end-to-end tests compare the jar's answers with the real program's rather than with our idea of them.
 */
public final class PythonHttpServer implements AutoCloseable {
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Pattern PORT = Pattern.compile("port (\\d+)");

    private final Process process;
    private final int port;

    private PythonHttpServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean available() {
        return Files.isExecutable(PYTHON);
    }

    /** Starts {@code python3 -u -m http.server 0 --bind 127.0.0.1 --directory dir extra...}; output in {@code logs}. */
    public static PythonHttpServer start(Path dir, Path logs, String... extra) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile(logs, "python-stdout", ".txt");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(PYTHON.toString(), "-u", "-m",
                "http.server", "0", "--bind", "127.0.0.1", "--directory", dir.toString()));
        command.addAll(java.util.List.of(extra));
        Process process = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(Files.createTempFile(logs, "python-stderr", ".txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() - deadline < 0 && process.isAlive()) {
            Matcher port = PORT.matcher(Files.readString(stdout));
            if (port.find()) {
                return new PythonHttpServer(process, Integer.parseInt(port.group(1)));
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new IOException("python3 -m http.server did not start: " + Files.readString(stdout));
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
