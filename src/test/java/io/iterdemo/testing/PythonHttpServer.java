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
 * end-to-end tests compare the jar's answers with the real program's rather than with our idea of them. iterdemo
 * follows Python 3.13's http.server; where Debian 12's 3.11 differs, the helpers below name the difference.
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

    /**
     * Whether {@code python3} is 3.13 or later, the http.server iterdemo follows (docs/decisions/python-reference.md):
     * true on Debian 13, false on Debian 12's 3.11.
     */
    public static boolean isTheFollowedRelease() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", "import sys; print(sys.version_info >= (3, 13))")
                .redirectErrorStream(true).start();
        String answer = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return answer.strip().equals("True");
    }

    /**
     * The target this {@code python3} answers as Python 3.13 answers {@code target}, for a listing or a 404: on
     * 3.13 the same; on 3.11, which titles a listing with the query and fragment and judges a trailing slash
     * before decoding, the target without query and fragment, its trailing {@code %2f} or {@code %2F} a slash.
     */
    public static String targetAnsweredAsPython313Answers(String target, boolean python313) {
        if (python313) {
            return target;
        }
        String path = target.split("[?#]", 2)[0];
        return path.matches(".*%2[fF]") ? path.substring(0, path.length() - 3) + "/" : path;
    }

    /**
     * {@code page} with the reason phrases of RFC 7231 that Python 3.11 writes in their RFC 9110 spelling, as Python
     * 3.13's http.HTTPStatus has them: the only difference between the two releases' error pages.
     */
    public static String withRfc9110Phrases(String page) {
        return page.replace("Request-URI Too Long", "URI Too Long")
                .replace("Request Entity Too Large", "Content Too Large")
                .replace("Entity is too large", "Content is too large")
                .replace("Requested Range Not Satisfiable", "Range Not Satisfiable")
                .replace("Unprocessable Entity", "Unprocessable Content");
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
