package io.iterdemo.logging;

import org.slf4j.Marker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

import io.iterdemo.lifecycle.FatalErrors;

/**
 * Ends the process ({@link FatalErrors#halt}: one line, status 70) when anything logs a {@link VirtualMachineError}
 * such as OutOfMemoryError. Jetty catches every throwable on its threads (a handler's, the selector's, the pool's)
 * and logs it, then carries on: after an OutOfMemoryError that means a server in an unknown state that answers
 * 500s, and a line on stderr that names the error but does not stop a unit that would restart it. Seen here, in
 * the one place every such report passes, whatever the logger's level, before any line is formatted.
 */
final class FatalErrorFilter extends TurboFilter {
    FatalErrorFilter() {
        start();
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        Throwable error = t;
        if (error == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            error = last;
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (FatalErrors.isFatal(cause)) {
                FatalErrors.halt(Thread.currentThread().getName(), cause);
            }
        }
        return FilterReply.NEUTRAL;
    }
}
