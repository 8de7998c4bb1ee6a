package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;

/**
 * The launcher's class data sharing archive (packaging/iterdemo, built by packaging/cds/update-cds-archive): the
 * tick logger, the http mode and {@code iterdemo lab} start, work and stop with status 0 whatever the archive is,
 * and the JVM prints nothing about it. The launcher only ever reads the archive; it is written by the package's
 * maintainer scripts, never at run time.
 */
class ClassDataSharingIT {
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path archives;

    /** One archive of each kind, named by kind; the two built ones in a directory of their own, one per mode. */
    @BeforeAll
    static void archives() throws IOException, InterruptedException {
        Path classlists = Daemon.jar().resolveSibling("cds");
        assertTrue(Files.isRegularFile(classlists.resolve("tick.classlist")), "the build's class lists in " + classlists);
        build(Daemon.jar(), classlists, archives.resolve("valid"));
        // An archive of another jar (path and time differ), as after an upgrade of iterdemo without the trigger.
        Path otherJar = Files.copy(Daemon.jar(), archives.resolve("other.jar"));
        build(otherJar, classlists, archives.resolve("another-jar"));
        Files.write(archives.resolve("empty"), new byte[0]);
        byte[] garbage = new byte[64 * 1024];
        new Random(16).nextBytes(garbage);
        Files.write(archives.resolve("garbage"), garbage);
        Files.createDirectory(archives.resolve("directory"));
    }

    private static void build(Path jar, Path classlists, Path directory) throws IOException, InterruptedException {
        build(Map.of(), jar, classlists, directory);
    }

    /** update-cds-archive with {@code env} added to this JVM's environment (JAVA_HOME chooses the JDK). */
    private static void build(Map<String, String> env, Path jar, Path classlists, Path directory)
            throws IOException, InterruptedException {
        run(env, "/bin/sh", "packaging/cds/update-cds-archive", jar.toString(), classlists.toString(), directory.toString());
        for (String mode : new String[] {"tick", "http", "lab"}) {
            assertTrue(Files.size(directory.resolve(mode + ".jsa")) > 0, mode + ".jsa in " + directory);
        }
    }

    private static void run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        Process process = builder.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " finishes");
        assertEquals(0, process.exitValue(), String.join(" ", command));
    }

    /**
     * The build records the class lists on the JDK it runs on, and the lab's list merges the lists of two runs. JDK
     * 21 and later end each line with an id that every run numbers afresh, and {@code -Xshare:dump} refuses a list
     * that gives one id to two classes: a .deb built on Debian 13 had no lab archive. Recorded and dumped on the
     * newer JDK, all three archives build.
     */
    @Test
    void classListsRecordedOnANewerJdkGiveThatJdkAllThreeArchives(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(NativeAccessIT.NEWER_JAVA), "no JDK at " + NativeAccessIT.NEWER_JAVA);
        Map<String, String> env = Map.of("JAVA_HOME", NativeAccessIT.NEWER_JAVA.getParent().getParent().toString());
        Path classlists = dir.resolve("classlists");
        run(env, "bash", "packaging/cds/classlist.sh", Daemon.jar().toString(), classlists.toString());
        build(env, Daemon.jar(), classlists, dir.resolve("archives"));
    }

    /** The archive of {@code kind} for {@code mode} (tick, http or lab). */
    private static String archive(String kind, String mode) {
        Path path = archives.resolve(kind);
        return (Files.isDirectory(path) && !kind.equals("directory") ? path.resolve(mode + ".jsa") : path).toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"valid", "missing", "empty", "garbage", "another-jar", "directory"})
    void theTickLoggerStartsTicksAndStopsWhateverTheArchive(String kind, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("tick.log");
        try (Daemon daemon = Daemon.startLauncher(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.1",
                "ITERDEMO_CDS_ARCHIVE", archive(kind, "tick")))) {
            daemon.awaitLines(log, lines -> lines.stream().anyMatch(line -> line.startsWith("[tick]")), WAIT,
                    "a tick");
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(WAIT), daemon.stderr());
            assertNothingAboutTheArchive(daemon);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"valid", "missing", "empty", "garbage", "another-jar", "directory"})
    void theHttpModeStartsAnswersAndStopsWhateverTheArchive(String kind, @TempDir Path dir) throws Exception {
        Path www = Files.createDirectory(dir.resolve("www"));
        Files.writeString(www.resolve("hello.txt"), "hello\n");
        try (Daemon daemon = Daemon.startLauncher(dir, Map.of("ITERDEMO_CDS_ARCHIVE", archive(kind, "http")),
                "http", "0", "--bind", "127.0.0.1", "--directory", www.toString())) {
            int port = HttpModeIT.port(daemon);
            String response = HttpModeIT.raw(port, "GET /hello.txt HTTP/1.0\r\n\r\n");
            assertTrue(response.startsWith("HTTP/1.1 200 ") && response.endsWith("\r\n\r\nhello\n"), response);
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(WAIT), daemon.stderr());
            assertNothingAboutTheArchive(daemon);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"valid", "missing", "empty", "garbage", "another-jar", "directory"})
    void theLabListsItsCoursesWhateverTheArchive(String kind, @TempDir Path dir) throws Exception {
        try (Daemon lab = Daemon.startLauncher(dir, Map.of("ITERDEMO_CDS_ARCHIVE", archive(kind, "lab"),
                "ITERDEMO_LAB_PROGRESS", dir.resolve("progress").toString()), "lab", "list")) {
            assertEquals(0, lab.waitForExit(WAIT), lab.stderr());
            assertTrue(lab.stdout().contains("ladder: ") && lab.stdout().contains("p3test: "), lab.stdout());
            assertNothingAboutTheArchive(lab);
        }
    }

    /** The lab's archive holds its classes: with {@code -Xshare:on} the JVM refuses to start if it cannot map it. */
    @Test
    void theLabMapsItsOwnArchive(@TempDir Path dir) throws Exception {
        try (Daemon lab = Daemon.startLauncher(dir, Map.of("ITERDEMO_CDS_ARCHIVE", archive("valid", "lab"),
                "ITERDEMO_LAB_PROGRESS", dir.resolve("progress").toString(),
                "ITERDEMO_JAVA_OPTS", "-Xshare:on -Xlog:class+load=info"), "lab", "list")) {
            assertEquals(0, lab.waitForExit(WAIT), lab.stderr());
            long fromArchive = lab.stdout().lines().filter(l -> l.contains("io.iterdemo.lab.")
                    && l.contains("source: shared objects file")).count();
            assertTrue(fromArchive > 20, "the lab's classes come from the archive: " + fromArchive);
        }
    }

    private static void assertNothingAboutTheArchive(Daemon daemon) throws IOException {
        for (String output : new String[] {daemon.stdout(), daemon.stderr()}) {
            assertFalse(output.contains("cds") || output.contains("shared archive") || output.contains("[error"),
                    "nothing about the archive: " + output);
        }
    }
}
