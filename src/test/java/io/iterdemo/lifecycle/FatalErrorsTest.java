package io.iterdemo.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The uncaught-exception handler, in a real JVM started for the purpose: a throwable escaping a thread that is
 * not main ends the process with one line on stderr and status 70, where the JVM would print a stack trace and
 * carry on without the thread.
 */
class FatalErrorsTest {
    /** The child JVM: installs the handler, then a thread named as the JDK names signal handlers throws. */
    public static final class Thrower {
        public static void main(String[] args) throws InterruptedException {
            FatalErrors.install();
            if (args[0].equals("oom-together")) {
                // Eight threads released at once, as when several requests run the heap out together.
                CyclicBarrier together = new CyclicBarrier(8);
                List<Thread> threads = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    threads.add(new Thread(() -> {
                        try {
                            together.await();
                        } catch (Exception e) {
                            return;
                        }
                        throw new OutOfMemoryError("Java heap space");
                    }, "http-" + i));
                }
                threads.forEach(Thread::start);
                for (Thread thread : threads) {
                    thread.join();
                }
                System.out.println("still running");
                return;
            }
            Throwable error = args[0].equals("oom") ? new OutOfMemoryError("Java heap space")
                    : new IllegalStateException("multi\nline");
            Thread thread = new Thread(new Rethrow(error), "SIGHUP handler");
            thread.start();
            thread.join();
            // Not reached: the handler halts the JVM.
            System.out.println("still running");
        }
    }

    private static final class Rethrow implements Runnable {
        private final Throwable error;

        Rethrow(Throwable error) {
            this.error = error;
        }

        @Override
        public void run() {
            if (error instanceof Error e) {
                throw e;
            }
            throw (RuntimeException) error;
        }
    }

    private static Process run(String kind) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        return new ProcessBuilder(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                Thrower.class.getName(), kind)).redirectInput(new File("/dev/null")).start();
    }

    private static String read(java.io.InputStream in) throws Exception {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Runs the child JVM with {@code kind}; it must end with status 70 and nothing on stdout. Returns its stderr. */
    private static String haltedWithStatus70(String kind) throws Exception {
        Process process = run(kind);
        String stdout = read(process.getInputStream());
        String stderr = read(process.getErrorStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(70, process.exitValue());
        assertEquals("", stdout);
        return stderr;
    }

    @Test
    void endsWithOneLineAndStatus70WhenAnotherThreadRunsOutOfMemory() throws Exception {
        String stderr = haltedWithStatus70("oom");
        assertEquals("iterdemo: out of memory in thread \"SIGHUP handler\" (java.lang.OutOfMemoryError: Java heap space);"
                + " the heap is limited to 32 MiB (-Xmx); exiting\n", stderr);
    }

    @Test
    void endsWithOneLineWhenSeveralThreadsRunOutOfMemoryAtOnce() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            String stderr = haltedWithStatus70("oom-together");
            assertTrue(stderr.matches("iterdemo: out of memory in thread \"http-[0-7]\" \\(java\\.lang\\.OutOfMemoryError: Java heap"
                    + " space\\); the heap is limited to 32 MiB \\(-Xmx\\); exiting\n"), "one line, whole:\n" + stderr);
        }
    }

    @Test
    void endsWithOneLineAndStatus70WhenAnotherThreadThrowsAnythingElse() throws Exception {
        String stderr = haltedWithStatus70("runtime");
        assertEquals("iterdemo: internal error in thread \"SIGHUP handler\" (java.lang.IllegalStateException: multi line);"
                + " exiting\n", stderr);
    }
}
