package io.iterdemo.lab;

import io.iterdemo.lab.Ladder.Expect;
import io.iterdemo.lab.Ladder.FileCheck;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a phase's expectations are checked on a machine, the one place that decides it (for {@code iterdemo
 * lab check}, {@code lab run} and the system tests alike):
 * <ul>
 * <li>{@code show}: each property as {@code systemctl show -p NAME UNIT} prints it, compared exactly;</li>
 * <li>{@code atLeast}: numeric properties ({@code NRestarts}) that must have reached a value;</li>
 * <li>{@code journal}: substrings of what {@code journalctl -u UNIT} holds after the phase's cursor, that is
 * what the unit (and systemd about it) wrote since the phase began;</li>
 * <li>{@code files}: a path that must not exist ({@code test -e} fails: a directory counts as present), or a
 * file that must contain each given text.</li>
 * </ul>
 */
public final class Expectations {
    private static final Duration QUERY = Duration.ofSeconds(60);

    private Expectations() {
    }

    /**
     * Every expectation of {@code expect} about {@code unit}, checked once, in the order the data gives them;
     * texts that differ per release are taken as systemd {@code systemd} (major version) writes them.
     */
    public static List<Verdict> check(Machine machine, String unit, Expect expect, JournalCursor since, int systemd)
            throws IOException, InterruptedException {
        List<Verdict> verdicts = new ArrayList<>();
        if (!expect.show().isEmpty()) {
            Map<String, String> actual = show(machine, unit, expect.show().keySet());
            for (Map.Entry<String, String> wanted : expect.show().entrySet()) {
                String seen = actual.getOrDefault(wanted.getKey(), "(no such property)");
                verdicts.add(new Verdict(wanted.getKey(), seen.equals(wanted.getValue()), wanted.getValue(), seen,
                        "systemctl status " + unit));
            }
        }
        if (!expect.atLeast().isEmpty()) {
            Map<String, String> actual = show(machine, unit, expect.atLeast().keySet());
            for (Map.Entry<String, Long> wanted : expect.atLeast().entrySet()) {
                String seen = actual.getOrDefault(wanted.getKey(), "(no such property)");
                boolean holds;
                try {
                    holds = Long.parseLong(seen) >= wanted.getValue();
                } catch (NumberFormatException e) {
                    holds = false;
                }
                verdicts.add(new Verdict(wanted.getKey(), holds, "at least " + wanted.getValue(), seen,
                        "systemctl show -p " + wanted.getKey() + " " + unit));
            }
        }
        if (!expect.journal().isEmpty()) {
            String journal = since.journalOf(machine, unit);
            for (String text : expect.journal().stream().map(q -> q.on(systemd)).toList()) {
                verdicts.add(new Verdict("journal", journal.contains(text), "a line with «" + text + "»",
                        "no such line since the phase began (last: " + Texts.lastLine(journal) + ")",
                        "journalctl -u " + unit + " -n 20"));
            }
        }
        for (FileCheck file : expect.files()) {
            if (file.mustBeAbsent()) {
                boolean exists = machine.sh("test -e " + Texts.shellQuote(file.path()), QUERY).ok();
                verdicts.add(new Verdict(file.path(), !exists, "absent", "present", "ls -ld " + file.path()));
                continue;
            }
            String content = machine.read(file.path()).orElse(null);
            for (String text : file.contains()) {
                boolean holds = content != null && content.contains(text);
                String seen = content == null ? "no such file" : "no such text (last line: " + Texts.lastLine(content) + ")";
                verdicts.add(new Verdict(file.path(), holds, "a line with «" + text + "»", seen,
                        "tail " + file.path()));
            }
        }
        return verdicts;
    }

    /** {@code systemctl show -p A,B UNIT}, as a map; systemctl prints them in its own order. */
    private static Map<String, String> show(Machine machine, String unit, java.util.Collection<String> names)
            throws IOException, InterruptedException {
        Machine.Outcome outcome = machine.sh("systemctl show -p " + String.join(",", names) + " " + unit, QUERY);
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : outcome.stdout().lines().toList()) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }
}
