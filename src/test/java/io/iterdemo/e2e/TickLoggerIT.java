package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.iterdemo.testing.Daemon;

/** The contract of app.py, checked on the packaged jar run as a process. */
class TickLoggerIT {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?";
    static final Pattern START = Pattern.compile("\\[start\\] " + TIMESTAMP);
    static final Pattern TICK = Pattern.compile("\\[tick\\]  " + TIMESTAMP);
    static final Pattern STOP = Pattern.compile("\\[stop\\]  " + TIMESTAMP);

    @TempDir
    Path dir;

    static boolean ticks(List<String> lines, int count) {
        return lines.stream().filter(l -> TICK.matcher(l).matches()).count() >= count;
    }

    @Test
    void writesAStartLineThenTicksInAppPysFormat() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.1"))) {
            List<String> lines = daemon.awaitLines(log, l -> ticks(l, 3), WAIT, "3 ticks");
            assertTrue(START.matcher(lines.get(0)).matches(), lines.get(0));
            lines.subList(1, lines.size()).forEach(line -> assertTrue(TICK.matcher(line).matches(), line));
        }
    }

    /** Offsets of a quarter and a half hour, one with summer time, and UTC: the local time TZ names, as app.py. */
    @ParameterizedTest
    @ValueSource(strings = {"Asia/Kathmandu", "America/St_Johns", "UTC"})
    void stampsLinesWithTheLocalTimeOfTheZoneTzNamesAsAppPyDoes(String zone) throws Exception {
        Path log = dir.resolve("iterdemo.log");
        LocalDateTime before = pythonNow(zone);
        String startLine;
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.1", "TZ", zone))) {
            startLine = daemon.awaitLines(log, l -> ticks(l, 1), WAIT, "a tick").get(0);
        }
        LocalDateTime after = pythonNow(zone);

        LocalDateTime stamped = timestamp(startLine.substring("[start] ".length()));
        assertFalse(stamped.isBefore(before) || stamped.isAfter(after),
                startLine + " is not between python3's datetime.now() before (" + before + ") and after (" + after
                        + ") with TZ=" + zone);
    }

    /** What {@code datetime.now()}, as app.py calls it, says with {@code TZ=zone}. */
    private LocalDateTime pythonNow(String zone) throws Exception {
        ProcessBuilder python = new ProcessBuilder("python3", "-c", "import datetime; print(datetime.datetime.now())")
                .redirectErrorStream(true);
        python.environment().clear();
        python.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        python.environment().put("TZ", zone);
        Process process = python.start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, "python3: " + out);
        return timestamp(out);
    }

    private static LocalDateTime timestamp(String pythonText) {
        return LocalDateTime.parse(pythonText.replace(' ', 'T'));
    }

    @Test
    void appendsToAnExistingLogWithoutRewritingIt() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        Files.writeString(log, "[tick]  from an earlier run\n");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.1"))) {
            List<String> lines = daemon.awaitLines(log, l -> ticks(l, 2), WAIT, "2 new ticks");
            assertEquals("[tick]  from an earlier run", lines.get(0));
            assertTrue(START.matcher(lines.get(1)).matches(), lines.get(1));
        }
    }

    @Test
    void ticksEveryIntervalParsedLikePythonFloat() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", " 2e-1 "))) {
            daemon.awaitLines(log, l -> ticks(l, 4), WAIT, "4 ticks at 0.2 s");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void stopsAtOnceOnTerminationSignalsWithAStopLineAndExitZero(String signal) throws Exception {
        Path log = dir.resolve("iterdemo.log");
        // An hour-long interval: app.py would sleep it out; the daemon must cut the sleep short.
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "3600"))) {
            daemon.awaitLines(log, l -> ticks(l, 1), WAIT, "the first tick");
            daemon.signal(signal);
            assertEquals(0, daemon.waitForExit(Duration.ofSeconds(10)));
            List<String> lines = Files.readAllLines(log);
            assertEquals(3, lines.size(), lines::toString);
            assertTrue(STOP.matcher(lines.get(2)).matches(), lines.get(2));
            assertTrue(daemon.stdout().contains("SIG" + signal + ": stopped after 1 ticks"), daemon.stdout());
            assertEquals("", daemon.stderr());
        }
    }

    @Test
    void reopensTheLogFileOnSighupSoLogrotateWorks() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        Path rotated = dir.resolve("iterdemo.log.1");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.1"))) {
            daemon.awaitLines(log, l -> ticks(l, 1), WAIT, "the first tick");
            Files.move(log, rotated);
            daemon.signal("HUP");
            daemon.awaitLines(log, l -> ticks(l, 2), WAIT, "ticks in the new file");
            assertTrue(daemon.isAlive());
            assertTrue(daemon.stdout().contains("SIGHUP: reopened " + log), daemon.stdout());
            List<String> old = Files.readAllLines(rotated);
            assertTrue(START.matcher(old.get(0)).matches());
        }
    }

    @Test
    void leavesOnlyWholeLinesWhenKilledWithSigkill() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.001"))) {
            daemon.awaitLines(log, l -> ticks(l, 200), WAIT, "200 ticks");
            daemon.signal("KILL");
            daemon.waitForExit(Duration.ofSeconds(10));
        }
        String content = Files.readString(log);
        assertTrue(content.endsWith("\n"), "the file ends with a whole line");
        List<String> lines = List.of(content.split("\n"));
        assertTrue(START.matcher(lines.get(0)).matches());
        lines.subList(1, lines.size()).forEach(line -> assertTrue(TICK.matcher(line).matches(), line));
    }

    @Test
    void mirrorsTicksAndLifecycleOnStdout() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.start(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.1"))) {
            List<String> lines = daemon.awaitLines(log, l -> ticks(l, 3), WAIT, "3 ticks");
            daemon.signal("TERM");
            daemon.waitForExit(Duration.ofSeconds(10));
            String stdout = daemon.stdout();
            assertTrue(stdout.startsWith("iterdemo: appending to " + log + " every 0.1 s\n"), stdout);
            assertTrue(stdout.contains(lines.get(0) + "\n"), "start line mirrored: " + stdout);
            assertTrue(stdout.contains(lines.get(2) + "\n"), "tick mirrored: " + stdout);
        }
    }

    @Test
    void marksStdoutLinesWithJournalPrioritiesWhenStdoutIsTheJournalStream() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon daemon = Daemon.startWithJournalOn(1, dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.1"))) {
            daemon.awaitLines(log, l -> ticks(l, 2), WAIT, "2 ticks");
            daemon.signal("TERM");
            assertEquals(0, daemon.waitForExit(Duration.ofSeconds(10)));
            List<String> stdout = List.of(daemon.stdout().split("\n"));
            assertTrue(stdout.size() >= 4, stdout::toString);
            stdout.forEach(line -> assertTrue(line.startsWith("<6>"), line));
        }
    }

    @Test
    void marksErrorsWithPriorityErrWhenStderrIsTheJournalStream() throws Exception {
        try (Daemon daemon = Daemon.startWithJournalOn(2, dir, Map.of("INTERVAL", "abc"))) {
            assertEquals(78, daemon.waitForExit(WAIT));
            assertEquals("<3>INTERVAL=\"abc\" is not a number of seconds (examples: 5, 0.5, 2e-1)\n", daemon.stderr());
        }
    }

    @Test
    void ignoresAnInheritedJournalStreamThatNamesAnotherFile() throws Exception {
        try (Daemon daemon = Daemon.start(dir, Map.of("INTERVAL", "abc", "JOURNAL_STREAM", "8:12345"))) {
            assertEquals(78, daemon.waitForExit(WAIT));
            assertTrue(daemon.stderr().startsWith("iterdemo: INTERVAL="), daemon.stderr());
        }
    }
}
