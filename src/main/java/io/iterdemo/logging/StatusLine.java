package io.iterdemo.logging;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Logback's own errors (an appender that cannot write, a failed configuration step), reported as one line on
 * stderr, the first one only: with no status listener registered, logback prints its whole status history with
 * stack traces to stdout when configuration meets an error. Warnings and information are logback's chatter.
 */
final class StatusLine extends ContextAwareBase implements StatusListener {
    private final OutputStream out;
    private boolean reported;

    /** Reports to this process's stderr. */
    StatusLine() {
        this(new FileOutputStream(FileDescriptor.err));
    }

    StatusLine(OutputStream out) {
        this.out = out;
    }

    @Override
    public synchronized void addStatusEvent(Status status) {
        if (reported || status.getLevel() < Status.ERROR) {
            return;
        }
        reported = true;
        Throwable cause = status.getThrowable();
        String line = "iterdemo: logging failed: " + status.getMessage() + (cause == null ? "" : " (" + cause + ")");
        try {
            out.write((line.replace('\n', ' ') + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // stderr itself is what failed; nothing is left to tell.
        }
    }

    @Override
    public boolean isResetResistant() {
        return true;
    }
}
