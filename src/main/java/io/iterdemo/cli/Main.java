package io.iterdemo.cli;

import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;

import io.iterdemo.config.ConfigException;
import io.iterdemo.config.TickConfig;
import io.iterdemo.http.HttpMode;
import io.iterdemo.lab.LabCommand;
import io.iterdemo.lifecycle.FatalErrors;
import io.iterdemo.lifecycle.SignalInbox;
import io.iterdemo.tick.TickDaemon;

/**
 * The command line: {@code iterdemo} runs the tick logger ({@code iterdemo --default-signals} the same with the
 * JVM's signal defaults), {@code iterdemo http ...} the http.server replacement, {@code iterdemo lab ...} the lab
 * on this machine; {@code --help} and {@code --version}
 * answer and exit. Every outcome is an exit status from {@link ExitCode}, and no error ends in a stack trace.
 */
public final class Main {
    private Main() {
    }

    /** The tick logger with the JVM's own handling of SIGTERM, SIGINT and SIGHUP: the exit-143 lesson. */
    static final String DEFAULT_SIGNALS = "--default-signals";

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("lab")) {
            // A command for a person at a terminal: Ctrl-C keeps the JVM's meaning. Named only here, so that
            // neither the tick logger nor the http mode loads the lab's classes (nor picocli, nor Jackson).
            FatalErrors.install();
            System.exit(LabCommand.run(List.of(args).subList(1, args.length), System.getenv()));
        }
        // First, before anything slow: a SIGTERM during start-up must not get the JVM's exit 143, unless that
        // is what was asked for.
        boolean defaultSignals = args.length == 1 && args[0].equals(DEFAULT_SIGNALS);
        SignalInbox signals = defaultSignals ? SignalInbox.withoutHandlers() : SignalInbox.install();
        // Then, before any other work: whatever escapes a thread from now on (a signal handler's included) is one
        // line and status 70, not a stack trace. One small class: nothing measurable at start-up.
        FatalErrors.install();
        System.exit(run(List.of(args), System.getenv(), signals).status());
    }

    static ExitCode run(List<String> args, Map<String, String> env, SignalInbox signals) throws InterruptedException {
        if (!args.isEmpty() && args.get(0).equals("http")) {
            // Named only here, so the tick logger never loads the http mode's classes (nor Jetty's).
            return HttpMode.run(args.subList(1, args.size()), env, signals);
        }
        if (!args.isEmpty() && !(args.size() == 1 && args.get(0).equals(DEFAULT_SIGNALS))) {
            return answer(args);
        }
        TickConfig config;
        try {
            config = TickConfig.fromEnvironment(env);
        } catch (ConfigException e) {
            LoggerFactory.getLogger("iterdemo").error(e.getMessage());
            return ExitCode.CONFIG;
        }
        return new TickDaemon(config, signals, env).run();
    }

    private static ExitCode answer(List<String> args) {
        String first = args.get(0);
        if (args.size() == 1 && (first.equals("--help") || first.equals("-h"))) {
            System.out.print(Usage.TEXT);
            return ExitCode.OK;
        }
        if (args.size() == 1 && first.equals("--version")) {
            System.out.println("iterdemo " + Version.current());
            return ExitCode.OK;
        }
        // Name the first argument we do not know; with only known ones, the second is the one too many.
        String culprit = args.stream().filter(arg -> !isKnown(arg)).findFirst().orElseGet(() -> args.get(1));
        System.err.println("iterdemo: unknown argument \"" + culprit + "\"; see iterdemo --help");
        return ExitCode.USAGE;
    }

    private static boolean isKnown(String arg) {
        return arg.equals("--help") || arg.equals("-h") || arg.equals("--version") || arg.equals(DEFAULT_SIGNALS);
    }
}
