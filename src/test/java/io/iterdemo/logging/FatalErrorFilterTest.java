package io.iterdemo.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * An OutOfMemoryError that a library catches and only logs (Jetty's thread pool does, at a level the
 * configuration does not even print) ends the process with one line and status 70, in a real JVM.
 */
class FatalErrorFilterTest {
    /** The child JVM: logback configured by ConsoleLogging, then a caught error logged as Jetty logs it. */
    public static final class CaughtAndLogged {
        public static void main(String[] args) {
            LoggerFactory.getLogger("org.eclipse.jetty.util.thread.QueuedThreadPool")
                    .debug("Job failed", new OutOfMemoryError("Java heap space"));
            System.out.println("still running");
        }
    }

    @Test
    void endsTheProcessWhenAnOutOfMemoryErrorIsLoggedAtAnyLevel() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                CaughtAndLogged.class.getName())).redirectInput(new File("/dev/null")).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(70, process.exitValue());
        assertEquals("", stdout);
        assertEquals("iterdemo: out of memory in thread \"main\" (java.lang.OutOfMemoryError: Java heap space); the heap is"
                + " limited to 32 MiB (-Xmx); exiting\n", stderr);
    }
}
