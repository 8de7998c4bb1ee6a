package io.iterdemo.logging;

import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.spi.FilterReply;

import io.iterdemo.systemd.JournalStream;

/**
 * Logback's configuration, in code: INFO and below to stdout, WARN and ERROR to stderr, each stream in
 * journal style when it is the journal (see {@link JournalStream}); never a stack trace ({@link LineLayout}), an
 * out-of-memory error logged by any thread ends the process ({@link FatalErrorFilter}), and logback's own errors
 * are one line ({@link StatusLine}).
 *
 * <p>Found by logback through {@code META-INF/services}, so logback never starts its XML machinery: that
 * alone is most of logback's start-up cost. Programmatic configuration is what the logback manual
 * recommends for this ("Configurator" in its configuration chapter).
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    private static final int STDOUT = 1;
    private static final int STDERR = 2;

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        Map<String, String> env = System.getenv();
        // Before anything that could fail: logback then reports its own errors as one line, not as stack traces.
        context.getStatusManager().add(new StatusLine());
        context.addTurboFilter(new FatalErrorFilter());
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        // Jetty announces its version and every start and stop at INFO; Python prints only its start-up line.
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        root.addAppender(appender(context, "stdout", "System.out",
                JournalStream.isJournal(env, STDOUT) ? LineLayout.Style.JOURNAL : LineLayout.Style.PLAIN, false));
        root.addAppender(appender(context, "stderr", "System.err",
                JournalStream.isJournal(env, STDERR) ? LineLayout.Style.JOURNAL : LineLayout.Style.DIAGNOSTIC, true));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> appender(LoggerContext context, String name, String target,
            LineLayout.Style style, boolean warnings) {
        LineLayout layout = new LineLayout(style);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(java.nio.charset.StandardCharsets.UTF_8);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget(target);
        appender.setEncoder(encoder);
        appender.addFilter(new WarningsFilter(warnings));
        appender.start();
        return appender;
    }

    /** Splits events between the two streams at WARN. */
    private static final class WarningsFilter extends Filter<ILoggingEvent> {
        private final boolean acceptWarnings;

        WarningsFilter(boolean acceptWarnings) {
            this.acceptWarnings = acceptWarnings;
            start();
        }

        @Override
        public FilterReply decide(ILoggingEvent event) {
            boolean warning = event.getLevel().isGreaterOrEqual(Level.WARN);
            return warning == acceptWarnings ? FilterReply.NEUTRAL : FilterReply.DENY;
        }
    }
}
