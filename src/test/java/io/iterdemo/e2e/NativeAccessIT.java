package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.iterdemo.testing.Daemon;
import io.iterdemo.testing.NotifyReceiver;

/**
 * On JDK 24 and later (JEP 472) a library that calls {@code System.load} from the class path gets four WARNING lines
 * on stderr, which under systemd land in the journal at every start, unless the executable jar declares
 * {@code Enable-Native-Access: ALL-UNNAMED}. Both modes load jffi (sd_notify; the http mode's O_PATH open): run by
 * the newest JDK this machine kind ships, each writes nothing on stderr.
 */
class NativeAccessIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    /** The JDK 25 this machine kind ships beside Debian's; {@code -Diterdemo.newer.java=...} names another. */
    static final Path NEWER_JAVA = Path.of(System.getProperty("iterdemo.newer.java",
            "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));

    @TempDir
    Path dir;

    private static void assumeTheNewerJdk() {
        assumeTrue(Files.isExecutable(NEWER_JAVA), "no JDK at " + NEWER_JAVA);
    }

    @Test
    void theTickLoggerUnderSystemdWritesNoNativeAccessWarningOnJdk25() throws Exception {
        assumeTheNewerJdk();
        Path log = dir.resolve("iterdemo.log");
        try (NotifyReceiver systemd = NotifyReceiver.atPath(dir.resolve("notify"));
             Daemon daemon = Daemon.startWithJava(NEWER_JAVA, dir,
                     Map.of("LOGFILE", log.toString(), "INTERVAL", "0.1", "NOTIFY_SOCKET", systemd.name()))) {
            systemd.await(m -> m.contains("READY=1"), WAIT, "READY=1");
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(WAIT), daemon.stderr());
            assertEquals("", daemon.stderr());
        }
    }

    @Test
    void theHttpModeServingAFileWritesNoNativeAccessWarningOnJdk25() throws Exception {
        assumeTheNewerJdk();
        Files.writeString(dir.resolve("hello.txt"), "hello\n");
        try (Daemon daemon = Daemon.startWithJava(NEWER_JAVA, dir, Map.of("LANG", "C.UTF-8"),
                "http", "0", "-b", "127.0.0.1", "-d", dir.toString())) {
            int port = HttpModeIT.port(daemon);
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello.txt")).timeout(WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(WAIT), daemon.stderr());
            assertTrue(daemon.stderr().lines().noneMatch(line -> line.startsWith("WARNING")),
                    "stderr holds the access log only:\n" + daemon.stderr());
        }
    }
}
