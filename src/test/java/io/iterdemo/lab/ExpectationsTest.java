package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.iterdemo.lab.Ladder.Expect;
import io.iterdemo.lab.Ladder.FileCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdicts of a phase's expectations, against a machine whose systemctl and journalctl answer as
 * systemd 252 does (recorded outputs); files are real files. Under a real systemd the system tests check
 * the same code.
 */
class ExpectationsTest {
    @TempDir
    Path dir;

    /** Answers systemctl show and journalctl with recorded output; runs file tests for real. */
    private static final class RecordedSystemd implements Machine {
        final Map<String, String> answers = new LinkedHashMap<>();

        @Override
        public Outcome sh(String commandLine, Duration timeout) throws java.io.IOException, InterruptedException {
            for (Map.Entry<String, String> answer : answers.entrySet()) {
                if (commandLine.startsWith(answer.getKey())) {
                    return new Outcome(0, answer.getValue(), "");
                }
            }
            return new LocalMachine(Path.of("/")).sh(commandLine, timeout);
        }

        @Override
        public Optional<String> read(String path) {
            return new LocalMachine(Path.of("/")).read(path);
        }
    }

    private static Expect expect(Map<String, String> show, Map<String, Long> atLeast, List<String> journal,
            List<FileCheck> files) {
        return new Expect(show == null ? null : new LinkedHashMap<>(show), atLeast == null ? null : new LinkedHashMap<>(atLeast),
                journal == null ? null : journal.stream().map(Quoted::everywhere).toList(), files, null);
    }

    @Test
    void eachShowPropertyIsAVerdictWithWhatWasExpectedAndSeen() throws Exception {
        RecordedSystemd machine = new RecordedSystemd();
        // systemctl prints properties in its own order, not the order asked.
        machine.answers.put("systemctl show -p ActiveState,Result iterdemo.service", "Result=success\nActiveState=active\n");
        Map<String, String> show = new LinkedHashMap<>();
        show.put("ActiveState", "failed");
        show.put("Result", "success");
        List<Verdict> verdicts = Expectations.check(machine, "iterdemo.service", expect(show, null, null, null),
                new JournalCursor(null, 0), 252);
        assertEquals("ActiveState: expected failed, seen active", verdicts.get(0).describe());
        assertEquals("systemctl status iterdemo.service", verdicts.get(0).hint());
        assertEquals(true, verdicts.get(1).holds());
    }

    @Test
    void atLeastComparesNumbers() throws Exception {
        RecordedSystemd machine = new RecordedSystemd();
        machine.answers.put("systemctl show -p NRestarts", "NRestarts=2\n");
        Verdict verdict = Expectations.check(machine, "iterdemo.service", expect(null, Map.of("NRestarts", 10L), null, null),
                new JournalCursor(null, 0), 252).get(0);
        assertEquals("NRestarts: expected at least 10, seen 2", verdict.describe());
    }

    @Test
    void journalTextsAreLookedForAfterThePhasesCursor() throws Exception {
        RecordedSystemd machine = new RecordedSystemd();
        machine.answers.put("journalctl --no-pager -u iterdemo.service --after-cursor='s=1;i=2'",
                "Nov 30 06:00:01 vm java[812]: [tick]  2026-11-30 06:00:01.000120\n");
        List<Verdict> verdicts = Expectations.check(machine, "iterdemo.service",
                expect(null, null, List.of("[tick]  ", "status=73/CANTCREAT"), null), new JournalCursor("s=1;i=2", 0), 252);
        assertEquals(true, verdicts.get(0).holds());
        assertEquals("journal: expected a line with «status=73/CANTCREAT», seen no such line since the phase began "
                + "(last: Nov 30 06:00:01 vm java[812]: [tick]  2026-11-30 06:00:01.000120)", verdicts.get(1).describe());
    }

    @Test
    void aJournalTextThatDiffersPerReleaseIsLookedForAsTheRunningSystemdWritesIt() throws Exception {
        RecordedSystemd machine = new RecordedSystemd();
        machine.answers.put("journalctl --no-pager -u iterdemo.service --after-cursor='s=1;i=2'",
                "Nov 30 06:00:01 vm (javaX)[812]: iterdemo.service: Unable to locate executable '/usr/bin/javaX': "
                        + "No such file or directory\n");
        Quoted text = Quoted.of(new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                "{\"252\": \"Failed to locate executable /usr/bin/javaX\", "
                        + "\"257\": \"Unable to locate executable '/usr/bin/javaX'\"}"));
        Expect expect = new Expect(null, null, List.of(text), null, null);
        JournalCursor since = new JournalCursor("s=1;i=2", 0);
        assertEquals(true, Expectations.check(machine, "iterdemo.service", expect, since, 257).get(0).holds());
        // Ubuntu 24.04's 255 is taken as 252, the release before it.
        assertEquals("journal: expected a line with «Failed to locate executable /usr/bin/javaX», seen no such line "
                + "since the phase began (last: Nov 30 06:00:01 vm (javaX)[812]: iterdemo.service: Unable to locate "
                + "executable '/usr/bin/javaX': No such file or directory)",
                Expectations.check(machine, "iterdemo.service", expect, since, 255).get(0).describe());
    }

    @Test
    void aDirectoryCountsAsPresentAndFileContentsAreRead() throws Exception {
        Path log = Files.writeString(dir.resolve("iterdemo.log"), "[start] 1\n[tick]  2\n");
        List<Verdict> verdicts = Expectations.check(new RecordedSystemd(), "iterdemo.service", expect(null, null, null,
                List.of(new FileCheck(dir.toString(), null, true), new FileCheck(log.toString(), List.of("[tick]  ", "[stop]"), null),
                        new FileCheck(dir.resolve("none").toString(), List.of("x"), null))),
                new JournalCursor(null, 0), 252);
        assertEquals(dir + ": expected absent, seen present", verdicts.get(0).describe());
        assertEquals(true, verdicts.get(1).holds());
        assertEquals(log + ": expected a line with «[stop]», seen no such text (last line: [tick]  2)", verdicts.get(2).describe());
        assertEquals(dir.resolve("none") + ": expected a line with «x», seen no such file", verdicts.get(3).describe());
    }
}
