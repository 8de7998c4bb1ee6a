package io.iterdemo.cli;

/** The text of {@code iterdemo --help}. */
final class Usage {
    private Usage() {
    }

    static final String TEXT = """
            Usage: iterdemo [--default-signals | --help | --version]
                   iterdemo http [PORT] [-b ADDRESS] [-d DIRECTORY] [-p VERSION]   (see iterdemo http --help)
                   iterdemo lab [list | show | start | check | next | run | reset | doctor]   (see iterdemo lab --help)

            Appends a line to LOGFILE every INTERVAL seconds, like the systemd lab's app.py:
              [start] 2026-01-31 12:00:00.123456
              [tick]  2026-01-31 12:00:00.123789
              [stop]  2026-01-31 12:00:05.002345    (on SIGTERM or SIGINT, then exit 0)

            Environment:
              LOGFILE    file to append to                 (default /var/tmp/iterdemo.log)
              INTERVAL   seconds between ticks, e.g. 0.5   (default 5)
              LEAK       heap to retain more at every tick, a simulated leak for the memory lesson:
                         bytes, or K, M, G (binary units), e.g. 4M   (default: none)

            Signals:
              SIGTERM, SIGINT   write [stop] and exit 0 at once
              SIGHUP            reopen LOGFILE (for logrotate)
              SIGUSR1           hang on purpose: no more ticks and no more WATCHDOG=1, so that WatchdogSec=
                                fires (systemd sends SIGABRT); SIGTERM and SIGINT still stop cleanly
              With --default-signals all four keep the JVM's defaults, as in a Java program that installs
              no handler: on SIGTERM, SIGINT and SIGHUP a shutdown hook writes [stop] and sends STOPPING=1,
              then the JVM exits 128+signal (143 for SIGTERM), which systemd counts as a failure unless
              SuccessExitStatus=143; SIGUSR1 kills the process.

            Under systemd: Type=notify (READY, STATUS, STOPPING, RELOADING) and WatchdogSec= are supported;
            stdout and stderr carry journal priorities when they are the journal.

            iterdemo http serves a directory like python3 -m http.server, with sd_notify and socket activation.
            iterdemo lab plays the systemd lab's lessons on this machine and checks what you typed.

            Exit status:
              0    stopped by SIGTERM or SIGINT
              64   unknown argument (USAGE)
              70   out of Java heap, as LEAK makes happen, or an internal error, on any thread (SOFTWARE);
                   with -XX:+ExitOnOutOfMemoryError the JVM exits 3 itself
              71   NOTIFY_SOCKET is set but the native library sd_notify needs cannot load, before READY
                   (OSERR): java.io.tmpdir must allow writing and executing files; under systemd use
                   CacheDirectory=iterdemo and -Djava.io.tmpdir=%C/iterdemo
              73   LOGFILE cannot be opened (CANTCREAT)
              74   LOGFILE write failed (IOERR)
              78   bad INTERVAL, LOGFILE or LEAK (CONFIG)
              143  SIGTERM with --default-signals (the JVM's 128+signal; 130 for SIGINT, 129 for SIGHUP)
            """;
}
