package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.NotifyReceiver;

/**
 * jffi's native library refused, as on a noexec java.io.tmpdir: under systemd the daemon says so in one line and
 * exits 71 before READY=1; without systemd nothing changes, since nothing native is needed.
 */
class NativeLibraryIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String REMEDY = "point -Djava.io.tmpdir at a directory that does (under systemd: "
            + "CacheDirectory=iterdemo and -Djava.io.tmpdir=%C/iterdemo)";

    @TempDir
    Path dir;

    /**
     * jffi writes its library into java.io.tmpdir, else into the working directory (user.dir): with neither
     * existing it has nowhere to go, whoever runs the test (root writes through any file mode).
     */
    private List<String> nowhereToExtract() {
        return List.of("-Djava.io.tmpdir=" + dir.resolve("no-tmp"), "-Duser.dir=" + dir.resolve("no-cwd"));
    }

    /**
     * What the JVM itself prints, before main, when java.io.tmpdir names no directory: JDK 20 and later
     * (JDK-8290313) and the JDK updates that backport it. The line is the JVM's; iterdemo's own error follows it.
     */
    static final String JVM_TMPDIR_WARNING = "WARNING: java.io.tmpdir directory does not exist\n";

    /** {@code stderr} without the JVM's own warning, which JDK 20 and later must print and JDK 17 may. */
    static String withoutTheJvmsTmpdirWarning(String stderr) {
        if (Runtime.version().feature() >= 20) {
            assertTrue(stderr.startsWith(JVM_TMPDIR_WARNING), "the JVM's own warning first:\n" + stderr);
        }
        return stderr.startsWith(JVM_TMPDIR_WARNING) ? stderr.substring(JVM_TMPDIR_WARNING.length()) : stderr;
    }

    private String nowhereToExtractMessage(String purpose) {
        return "iterdemo: cannot load the native library that " + purpose + " needs (No such file or directory):"
                + " java.io.tmpdir (" + dir.resolve("no-tmp") + "), or else the working directory ("
                + dir.resolve("no-cwd") + "), must allow writing and executing files; " + REMEDY + "\n";
    }

    @Test
    void failsBeforeReadyWithOneLineAndStatus71WhenSdNotifysNativeLibraryCannotLoad() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.startWithJvmOptions(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.05",
                     "NOTIFY_SOCKET", systemd.name()), nowhereToExtract())) {
            assertEquals(71, daemon.waitForExit(WAIT));
            assertEquals(nowhereToExtractMessage("sd_notify"), withoutTheJvmsTmpdirWarning(daemon.stderr()));
            assertEquals(List.of(), systemd.drain(), "no READY=1, nor anything else");
            List<String> lines = Files.readAllLines(log);
            assertEquals(2, lines.size(), "the start line and the first tick stay: " + lines);
            assertTrue(TickLoggerIT.START.matcher(lines.get(0)).matches(), lines.get(0));
            assertTrue(TickLoggerIT.TICK.matcher(lines.get(1)).matches(), lines.get(1));
        }
    }

    /** The real thing: java.io.tmpdir and the working directory on a tmpfs mounted noexec (root only). */
    @Test
    void namesTheFileOnANoexecMountThatDlopenRefused() throws Exception {
        Path noexec = Files.createDirectory(dir.resolve("noexec"));
        List<String> inNoexecMount = List.of("unshare", "--mount", "/bin/sh", "-c",
                "mount -t tmpfs -o noexec,size=4m tmpfs \"$0\" && cd \"$0\" && exec \"$@\"", noexec.toString());
        assumeTrue(canMountInANamespace(inNoexecMount), "mounting a tmpfs in a mount namespace needs root");
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.startWithJvmOptions(dir, Map.of("LOGFILE", log.toString(), "NOTIFY_SOCKET",
                     systemd.name()), inNoexecMount, List.of("-Djava.io.tmpdir=" + noexec))) {
            assertEquals(71, daemon.waitForExit(WAIT));
            String stderr = daemon.stderr();
            String where = Pattern.quote(noexec.toString());
            String expected = "iterdemo: cannot load the native library that sd_notify needs \\(" + where
                    + "/jffi\\d+\\.so: failed to map segment from shared object[^)]*\\): java\\.io\\.tmpdir \\(" + where
                    + "\\) must allow writing and executing files; point -Djava\\.io\\.tmpdir at .*\n";
            assertTrue(stderr.matches(expected), stderr);
            assertEquals(2, Files.readAllLines(log).size());
        }
    }

    private boolean canMountInANamespace(List<String> prefix) throws Exception {
        List<String> command = new java.util.ArrayList<>(prefix);
        command.add("true");
        try {
            Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void ticksWithoutTheNativeLibraryWhenNotUnderSystemd() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.startWithJvmOptions(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.05"),
                nowhereToExtract())) {
            daemon.awaitLines(log, l -> TickLoggerIT.ticks(l, 3), WAIT, "3 ticks");
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(WAIT));
            assertEquals("", withoutTheJvmsTmpdirWarning(daemon.stderr()));
        }
    }

    @Test
    void httpModeFailsBeforeListeningWhenSdNotifysNativeLibraryCannotLoad() throws Exception {
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.startWithJvmOptions(dir, Map.of("NOTIFY_SOCKET", systemd.name()),
                     nowhereToExtract(), "http", "0", "-b", "127.0.0.1", "-d", dir.toString())) {
            assertEquals(71, daemon.waitForExit(WAIT));
            assertEquals(nowhereToExtractMessage("sd_notify"), withoutTheJvmsTmpdirWarning(daemon.stderr()));
            assertFalse(daemon.stdout().contains("Serving HTTP"), daemon.stdout());
            assertEquals(List.of(), systemd.drain());
        }
    }

    @Test
    void httpModeRefusesSocketActivationWhenItsNativeLibraryCannotLoad() throws Exception {
        // LISTEN_PID cannot name a process before it exists; a launcher sets it, as systemd does.
        try (Daemon daemon = Daemon.startWithJvmOptions(dir, Map.of("LISTEN_FDS", "1"),
                List.of("/bin/sh", "-c", "LISTEN_PID=$$ exec \"$@\"", "sh"), nowhereToExtract(), "http", "-d",
                dir.toString())) {
            assertEquals(71, daemon.waitForExit(WAIT));
            assertEquals(nowhereToExtractMessage("socket activation"), withoutTheJvmsTmpdirWarning(daemon.stderr()));
        }
    }
}
