package io.iterdemo.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;

/**
 * One event, one line, never a stack trace.
 *
 * <p>When the stream is the journal, the line starts with sd-daemon(3)'s {@code <N>} syslog priority, which
 * journald strips and stores, so {@code journalctl -p err} finds errors; journald adds the time and the
 * identifier itself. On a terminal or a file, stdout lines are the bare message (tick lines already carry
 * their timestamp) and stderr lines start with the program name, as Unix tools' diagnostics do.
 */
final class LineLayout extends LayoutBase<ILoggingEvent> {
    enum Style { JOURNAL, PLAIN, DIAGNOSTIC }

    private final Style style;

    LineLayout(Style style) {
        this.style = style;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        String message = event.getFormattedMessage().replace('\n', ' ');
        return switch (style) {
            case JOURNAL -> "<" + syslogPriority(event.getLevel()) + ">" + message + "\n";
            case PLAIN -> message + "\n";
            case DIAGNOSTIC -> "iterdemo: " + message + "\n";
        };
    }

    /** The syslog(3) priority of a logback level: err, warning, info, debug. */
    static int syslogPriority(Level level) {
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return 3;
        }
        if (level.isGreaterOrEqual(Level.WARN)) {
            return 4;
        }
        if (level.isGreaterOrEqual(Level.INFO)) {
            return 6;
        }
        return 7;
    }
}
