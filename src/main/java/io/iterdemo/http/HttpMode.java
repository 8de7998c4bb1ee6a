package io.iterdemo.http;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;

import io.iterdemo.cli.ExitCode;
import io.iterdemo.lifecycle.SignalInbox;

/**
 * {@code iterdemo http ...}: the replacement for {@code python3 -m http.server}. The only class the command line
 * names, so that nothing of Jetty is loaded unless this mode runs (the tick logger's start-up stays as it was).
 */
public final class HttpMode {
    private HttpMode() {
    }

    /** Runs the mode with the arguments after {@code http}; returns the exit status. */
    public static ExitCode run(List<String> args, Map<String, String> env, SignalInbox signals) throws InterruptedException {
        HttpCommand.Parsed parsed = HttpCommand.parse(args, Path.of("").toAbsolutePath());
        if (parsed instanceof HttpCommand.Help) {
            System.out.print(HttpCommand.HELP);
            return ExitCode.OK;
        }
        if (parsed instanceof HttpCommand.UsageError error) {
            LoggerFactory.getLogger("iterdemo").error("http: {}", error.message());
            return ExitCode.USAGE;
        }
        return new HttpServerDaemon(((HttpCommand.Run) parsed).config(), signals, env).run();
    }
}
