package io.iterdemo.lifecycle;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;

import io.iterdemo.config.ByteSize;
import io.iterdemo.systemd.JournalStream;

/**
 * The last resort for an error no code was written to expect: a throwable that escapes a thread (a signal
 * handler's, Jetty's, main's), or a {@link VirtualMachineError} such as OutOfMemoryError caught somewhere that
 * cannot go on. It ends the process with one line on stderr and status 70 (EX_SOFTWARE in sysexits.h), never
 * with the JVM's stack trace of an uncaught exception and never by limping on with a dead thread.
 *
 * <p>{@code Runtime.halt}, not {@code System.exit}: after an OutOfMemoryError a shutdown hook or a lock held by
 * the failed thread could keep the process alive. Every line in LOGFILE stays whole (each is one write(2)).
 * The line is written straight to file descriptor 2, not through logging, which may be what failed or may not
 * be started yet (with the journal's {@code <3>} priority when stderr is the journal, as {@code LineLayout} does);
 * a preallocated fallback line is written when even building the message runs out of memory.
 *
 * <p>Installed in main right after the signal handlers, for both modes: one small class, no measurable start-up
 * cost (docs/footprint.md).
 */
public final class FatalErrors implements Thread.UncaughtExceptionHandler {
    /** EX_SOFTWARE, sysexits.h: an internal software error. */
    public static final int STATUS = 70;

    private static final FatalErrors INSTANCE = new FatalErrors();
    /** Held by the thread that writes the one line; never released, since that thread halts the JVM. */
    private static final Object ONE_LINE = new Object();

    private final FileOutputStream stderr = new FileOutputStream(FileDescriptor.err);
    private final byte[] fallback = "iterdemo: internal error (no memory left to say more); exiting\n"
            .getBytes(StandardCharsets.US_ASCII);

    private FatalErrors() {
    }

    /** Makes every thread's uncaught throwable end the process with one line and status 70. */
    public static void install() {
        Thread.setDefaultUncaughtExceptionHandler(INSTANCE);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        halt(thread.getName(), error);
    }

    /**
     * Writes {@code iterdemo: out of memory in thread "NAME" (java.lang.OutOfMemoryError: Java heap space); the heap
     * is limited to 16 MiB (-Xmx); exiting}
     * or {@code iterdemo: internal error in thread "NAME" (CLASS: MESSAGE); exiting} and halts with status 70.
     * Never returns. When several threads fail at once (two requests running the heap out together), the first
     * to get here writes its line and halts; the others wait for that halt, so the process ends with one line,
     * never two, and never before the line is written.
     */
    public static void halt(String threadName, Throwable error) {
        synchronized (ONE_LINE) {
            try {
                String prefix = JournalStream.isJournal(System.getenv(), 2) ? "<3>" : "iterdemo: ";
                INSTANCE.write((prefix + message(threadName, error) + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (Throwable again) {
                INSTANCE.write(INSTANCE.fallback);
            } finally {
                Runtime.getRuntime().halt(STATUS);
            }
        }
    }

    /** Whether {@code error} leaves the JVM in a state no caller should try to continue from. */
    public static boolean isFatal(Throwable error) {
        return error instanceof VirtualMachineError;
    }

    static String message(String threadName, Throwable error) {
        // toString() is "class: message", on one line as every iterdemo diagnostic.
        String text = String.valueOf(error).replace('\n', ' ');
        if (error instanceof OutOfMemoryError) {
            return "out of memory in thread \"" + threadName + "\" (" + text + "); the heap is limited to "
                    + ByteSize.readable(Runtime.getRuntime().maxMemory()) + " (-Xmx); exiting";
        }
        return "internal error in thread \"" + threadName + "\" (" + text + "); exiting";
    }

    private void write(byte[] line) {
        try {
            stderr.write(line);
        } catch (Throwable e) {
            // stderr is gone: the exit status still says what happened.
        }
    }
}
