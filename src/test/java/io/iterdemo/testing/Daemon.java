package io.iterdemo.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged jar started as a real process, the way systemd or a shell starts it, with a chosen
 * environment and its output captured to files. End-to-end tests drive it with real signals.
 */
public final class Daemon implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private Daemon(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The jar under test: the one Maven packaged (failsafe passes its path). */
    public static Path jar() {
        String jar = System.getProperty("iterdemo.jar");
        if (jar == null) {
            throw new IllegalStateException("system property iterdemo.jar is not set; run end-to-end tests with mvn verify");
        }
        return Path.of(jar);
    }

    /** Starts {@code java -jar iterdemo.jar args} with exactly {@code env} (plus PATH), output in {@code dir}. */
    public static Daemon start(Path dir, Map<String, String> env, String... args) throws IOException {
        return start(dir, env, List.of(), args);
    }

    /** As {@link #start(Path, Map, String...)}, the command prefixed (for example to drop privileges). */
    public static Daemon start(Path dir, Map<String, String> env, List<String> prefix, String... args) throws IOException {
        return start(dir, env, prefix, List.of(), null, args);
    }

    /**
     * As {@link #start(Path, Map, String...)}, with JVM options before {@code -jar} ({@code -Xmx24m},
     * {@code -Dname=value}), as the launcher passes the units' flags.
     */
    public static Daemon startWithJvmOptions(Path dir, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        return start(dir, env, List.of(), jvmOptions, null, args);
    }

    /** As {@link #startWithJvmOptions(Path, Map, List, String...)}, the command prefixed (a launcher, unshare). */
    public static Daemon startWithJvmOptions(Path dir, Map<String, String> env, List<String> prefix,
            List<String> jvmOptions, String... args) throws IOException {
        return start(dir, env, prefix, jvmOptions, null, args);
    }

    /**
     * As {@link #start(Path, Map, String...)}, with JOURNAL_STREAM naming the capture file of {@code journal}
     * (1 for stdout, 2 for stderr) by device and inode, exactly as systemd names the journal's socket.
     */
    public static Daemon startWithJournalOn(int journal, Path dir, Map<String, String> env, String... args)
            throws IOException {
        return start(dir, env, List.of(), List.of(), journal, args);
    }

    /**
     * Starts the package's launcher, {@code packaging/iterdemo args}, with the jar under test ({@code ITERDEMO_JAR}),
     * this JVM's runtime ({@code JAVA_HOME}) and {@code env}, as the units start {@code /usr/bin/iterdemo}.
     */
    public static Daemon startLauncher(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", launcher().toString()));
        command.addAll(List.of(args));
        Map<String, String> launcherEnv = new java.util.HashMap<>(env);
        launcherEnv.put("ITERDEMO_JAR", jar().toString());
        launcherEnv.put("JAVA_HOME", System.getProperty("java.home"));
        return launch(dir, launcherEnv, command, null);
    }

    /** packaging/iterdemo in the checkout (failsafe runs in the project's directory). */
    public static Path launcher() {
        return Path.of("packaging", "iterdemo").toAbsolutePath();
    }

    /** The jar run by another runtime's {@code java} (a newer JDK beside the one running the tests). */
    public static Daemon startWithJava(Path java, Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        return launch(dir, env, command, null);
    }

    private static Daemon start(Path dir, Map<String, String> env, List<String> prefix, List<String> jvmOptions,
            Integer journal, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return launch(dir, env, command, journal);
    }

    private static Daemon launch(Path dir, Map<String, String> env, List<String> command, Integer journal)
            throws IOException {
        Path stdout = Files.createTempFile(dir, "stdout", ".txt");
        Path stderr = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        if (journal != null) {
            Path stream = journal == 1 ? stdout : stderr;
            builder.environment().put("JOURNAL_STREAM",
                    Files.getAttribute(stream, "unix:dev") + ":" + Files.getAttribute(stream, "unix:ino"));
        }
        return new Daemon(builder.start(), stdout, stderr);
    }

    /** Runs to completion (for commands that exit by themselves) and returns the exit status. */
    public int waitForExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("iterdemo did not exit within " + timeout + "; stderr: " + stderr());
        }
        return process.exitValue();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends a signal by name (TERM, INT, HUP, KILL) with kill(1), as systemd or an operator would. */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -s " + name + " " + process.pid() + " failed");
        }
    }

    public String stdout() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Waits until {@code file}'s lines satisfy {@code condition}; fails with the file and stderr. */
    public List<String> awaitLines(Path file, Predicate<List<String>> condition, Duration timeout, String description)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (condition.test(lines)) {
                return lines;
            }
            if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                throw new AssertionError("waited " + timeout + " for " + description + " in " + file + "; lines: "
                        + lines + "; alive: " + process.isAlive() + "; stderr: " + stderr());
            }
            Thread.sleep(20);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
