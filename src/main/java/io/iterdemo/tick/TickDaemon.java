package io.iterdemo.tick;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.iterdemo.cli.ExitCode;
import io.iterdemo.config.ByteSize;
import io.iterdemo.config.TickConfig;
import io.iterdemo.lifecycle.ShutdownHook;
import io.iterdemo.lifecycle.SignalInbox;
import io.iterdemo.os.NativeLibraryException;
import io.iterdemo.systemd.ServiceManager;
import io.iterdemo.systemd.Watchdog;

/**
 * The tick logger: app.py's loop plus what a daemon under systemd owes it.
 *
 * <p>One thread does everything: it writes {@code [start]}, then a {@code [tick]} every interval on a fixed
 * schedule, pings the watchdog, and handles the requests that {@link SignalInbox} records (stop at once,
 * reopen the file, hang on purpose). A hung loop therefore stops pinging, which is what the watchdog is for,
 * and SIGUSR1 makes it hang for the lesson that shows it.
 *
 * <p>The first lines are written before logging and sd_notify are initialised: their class loading and
 * native bindings cost far more than the file write, and the file is the contract.
 */
public final class TickDaemon {
    /** A deadline that never comes: about 73 years of System.nanoTime(). */
    private static final long NEVER = Long.MAX_VALUE / 4;

    private final TickConfig config;
    private final SignalInbox signals;
    private final Map<String, String> env;
    private final TickStatus status;
    private final SimulatedLeak leak;
    private long ticks;

    public TickDaemon(TickConfig config, SignalInbox signals, Map<String, String> env) {
        this.config = config;
        this.signals = signals;
        this.env = env;
        this.status = new TickStatus(config);
        this.leak = new SimulatedLeak(config.leakBytesPerTick());
    }

    /**
     * Runs until SIGTERM or SIGINT (exit 0; with {@code --default-signals} the JVM's 128+signal), until the log
     * file fails (exit 73 or 74), until the heap runs out (exit 70; LEAK makes it happen), or stops after the
     * first tick when NOTIFY_SOCKET is set but sd_notify's native library cannot be loaded (exit 71).
     */
    public ExitCode run() throws InterruptedException {
        TickLog log;
        String startLine;
        String firstTick;
        try {
            log = TickLog.open(config.logFile());
        } catch (LogFileException e) {
            logger().error(e.getMessage());
            return ExitCode.CANTCREAT;
        }
        // --default-signals: the JVM keeps SIGTERM, SIGINT and SIGHUP, and a shutdown hook asks this loop to stop.
        ShutdownHook hook = signals.handlesSignals() ? null : ShutdownHook.register(signals);
        try (log) {
            startLine = "[start] " + PythonTimestamp.now();
            log.append(startLine);
            firstTick = tick(log);
            long firstTickNanos = System.nanoTime();

            Logger logger = logger();
            ServiceManager manager;
            try {
                manager = ServiceManager.fromEnvironment(env, logger);
            } catch (NativeLibraryException e) {
                // Before READY=1, or a Type=notify unit would wait for it until TimeoutStartSec=. The lines
                // written so far stay: nothing is ever taken back from the file.
                logger.error(e.getMessage());
                return ExitCode.OSERR;
            }
            manager.ready(status.ticking(ticks));
            logger.info("iterdemo: appending to {} every {} s", config.logFile(), config.intervalText());
            if (config.leaks()) {
                logger.info("LEAK={}: retaining {} more heap every tick (a simulated leak)", config.leakText(),
                        ByteSize.readable(config.leakBytesPerTick()));
            }
            logger.info(startLine);
            logger.info(firstTick);
            return loop(log, manager, logger, firstTickNanos);
        } catch (LogFileException e) {
            logger().error(e.getMessage());
            return ExitCode.IOERR;
        } catch (OutOfMemoryError e) {
            // Without -XX:+ExitOnOutOfMemoryError the error reaches here: one line, not the JVM's stack trace
            // of an uncaught error, and a status systemd shows (70/SOFTWARE). Every line written is whole.
            leak.release();
            logger().error(outOfMemory(e));
            return ExitCode.SOFTWARE;
        } finally {
            if (hook != null) {
                hook.loopEnded();
            }
        }
    }

    private ExitCode loop(TickLog log, ServiceManager manager, Logger logger, long firstTickNanos)
            throws LogFileException, InterruptedException {
        long intervalNanos = config.interval().toNanos();
        Optional<Duration> ping = Watchdog.pingInterval(env, ProcessHandle.current().pid());
        long pingNanos = ping.map(Duration::toNanos).orElse(Long.MAX_VALUE / 4);
        ping.ifPresent(p -> logger.info("watchdog: pinging systemd every {} ms", p.toMillis()));
        long now = System.nanoTime();
        long nextTick = firstTickNanos + intervalNanos;
        long nextPing = ping.isPresent() ? now : Long.MAX_VALUE / 2;
        boolean hung = false;

        while (true) {
            SignalInbox.Request request = signals.awaitUntil(Math.min(nextTick, nextPing));
            if (request == SignalInbox.Request.STOP) {
                return stop(log, manager, logger);
            }
            if (request == SignalInbox.Request.HANG) {
                hang(manager, logger);
                hung = true;
                nextTick = System.nanoTime() + NEVER;
                nextPing = nextTick;
                continue;
            }
            if (request == SignalInbox.Request.RELOAD) {
                // A hung daemon reopens nothing either.
                if (!hung) {
                    reopen(log, manager, logger);
                }
                continue;
            }
            now = System.nanoTime();
            if (now - nextPing >= 0) {
                manager.watchdog();
                nextPing = now + pingNanos;
            }
            if (now - nextTick >= 0) {
                logger.info(tick(log));
                manager.status(status.ticking(ticks));
                // A fixed schedule keeps ticks from drifting; after a stall (suspend, SIGSTOP) it restarts
                // from now instead of writing a burst of catch-up ticks.
                nextTick += intervalNanos;
                if (nextTick - now < 0) {
                    nextTick = now + intervalNanos;
                }
            }
        }
    }

    private String tick(TickLog log) throws LogFileException {
        String line = "[tick]  " + PythonTimestamp.now();
        log.append(line);
        ticks++;
        // After the line is on disk: when the heap runs out, the file has every tick that happened.
        leak.grow();
        return line;
    }

    private String outOfMemory(OutOfMemoryError e) {
        String message = "out of memory after " + ticks + (ticks == 1 ? " tick" : " ticks") + " (" + e + ")";
        if (!config.leaks()) {
            return message;
        }
        return message + ": LEAK=" + config.leakText() + " had retained " + ByteSize.readable(leak.retainedBytes())
                + " of a heap limited to " + ByteSize.readable(Runtime.getRuntime().maxMemory()) + " (-Xmx)";
    }

    private void reopen(TickLog log, ServiceManager manager, Logger logger) {
        manager.reloading(status.reloading());
        try {
            log.reopen();
            logger.info("SIGHUP: reopened {}", log.path());
        } catch (LogFileException e) {
            logger.error("SIGHUP: {}; still writing to the file opened before", e.getMessage());
        }
        manager.ready(status.ticking(ticks));
    }

    /**
     * SIGUSR1, the watchdog lesson: from now on the loop neither ticks nor pings, as if stuck, so that
     * {@code WatchdogSec=} expires and systemd aborts the service (SIGABRT, then a restart if the unit asks
     * for one). Only a stop request still gets through, so {@code systemctl stop} stays clean.
     */
    private void hang(ServiceManager manager, Logger logger) {
        logger.warn("SIGUSR1: hanging on purpose: no more ticks, no more watchdog pings");
        manager.status(status.hung());
    }

    private ExitCode stop(TickLog log, ServiceManager manager, Logger logger) throws LogFileException {
        String signal = signals.stopSignal();
        boolean inShutdownHook = ShutdownHook.ORIGIN.equals(signal);
        manager.stopping(inShutdownHook ? status.stoppingInShutdownHook(ticks) : status.stopping(signal, ticks));
        String line = "[stop]  " + PythonTimestamp.now();
        log.append(line);
        logger.info(line);
        if (inShutdownHook) {
            // The JVM is already exiting and its status wins over the one returned here: the hook cannot know
            // which signal started it, so the line states the rule.
            logger.info("shutdown hook: stopped after {} ticks; the JVM exits 128+signal (143 for SIGTERM)", ticks);
        } else {
            logger.info("{}: stopped after {} ticks", signal, ticks);
        }
        return ExitCode.OK;
    }

    private static Logger logger() {
        return LoggerFactory.getLogger("iterdemo");
    }
}
