package io.iterdemo.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

class LineLayoutTest {
    private final LoggerContext context = new LoggerContext();

    private String layout(LineLayout.Style style, Level level, String message) {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("iterdemo"), level, message,
                new IllegalStateException("never printed"), null);
        return new LineLayout(style).doLayout(event);
    }

    @Test
    void prefixesJournalLinesWithTheirSyslogPriority() {
        assertEquals("<3>broken\n", layout(LineLayout.Style.JOURNAL, Level.ERROR, "broken"));
        assertEquals("<4>odd\n", layout(LineLayout.Style.JOURNAL, Level.WARN, "odd"));
        assertEquals("<6>[tick]  now\n", layout(LineLayout.Style.JOURNAL, Level.INFO, "[tick]  now"));
        assertEquals("<7>detail\n", layout(LineLayout.Style.JOURNAL, Level.DEBUG, "detail"));
    }

    @Test
    void writesPlainMessagesAndNamedDiagnosticsElsewhere() {
        assertEquals("[tick]  now\n", layout(LineLayout.Style.PLAIN, Level.INFO, "[tick]  now"));
        assertEquals("iterdemo: broken\n", layout(LineLayout.Style.DIAGNOSTIC, Level.ERROR, "broken"));
    }

    @Test
    void keepsEveryEventOnOneLine() {
        assertEquals("<6>a b\n", layout(LineLayout.Style.JOURNAL, Level.INFO, "a\nb"));
    }
}
