package io.iterdemo.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.InfoStatus;
import ch.qos.logback.core.status.WarnStatus;

/** Logback's own trouble, reported as iterdemo reports everything: one line, no stack trace. */
class StatusLineTest {
    @Test
    void reportsTheFirstLogbackErrorAsOneLineWithoutItsStackTrace() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StatusLine listener = new StatusLine(out);
        listener.addStatusEvent(new InfoStatus("Setting up default configuration.", this));
        listener.addStatusEvent(new WarnStatus("Appender [stdout] is not started", this));
        listener.addStatusEvent(new ErrorStatus("IO failure in appender", this, new IOException("Broken pipe\nsecond line")));
        listener.addStatusEvent(new ErrorStatus("IO failure in appender", this, new IOException("Broken pipe")));
        assertEquals("iterdemo: logging failed: IO failure in appender (java.io.IOException: Broken pipe second line)\n",
                out.toString(StandardCharsets.UTF_8));
    }
}
