package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iterdemo.lab.Ladder.Observation;
import io.iterdemo.lab.Ladder.Phase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How {@link Runner#await} looks at a phase's quoted outputs, against a machine whose {@code systemctl status}
 * answers as a unit in a restart loop does: one look in the pause between attempts, the next during an attempt.
 */
class RunnerTest {
    private static final String PAUSE = "     Active: activating (auto-restart) (Result: exit-code) since Tue 2026-12-01 15:51:36 UTC; 1s ago\n";
    private static final String ATTEMPT = "     Active: activating (start-pre) since Tue 2026-12-01 15:51:37 UTC; 5ms ago\n";

    /** systemd 252, whose {@code systemctl status} alternates between the answers given, starting with the first. */
    private static final class RestartLoop implements Machine {
        final List<String> statuses;
        final List<String> asked = new ArrayList<>();

        RestartLoop(String... statuses) {
            this.statuses = List.of(statuses);
        }

        @Override
        public Outcome sh(String commandLine, Duration timeout) {
            if (commandLine.equals("systemctl --version")) {
                return new Outcome(0, "systemd 252 (252.39-1~deb12u1)\n", "");
            }
            asked.add(commandLine);
            return new Outcome(0, statuses.get((asked.size() - 1) % statuses.size()), "");
        }

        @Override
        public Optional<String> read(String path) {
            return Optional.empty();
        }
    }

    private static final class Silent implements Reporter {
        int waits;

        @Override public void section(String title) { }
        @Override public void command(String commandLine, Machine.Outcome outcome) { }
        @Override public void waiting(String what, int holding, int total, long elapsed, long limit) { waits++; }
        @Override public void verdicts(List<Verdict> verdicts) { }
        @Override public void info(String line) { }
    }

    private static Phase observing(String quoted) {
        return new Phase("break", null, null, List.of(), null,
                List.of(new Observation("systemctl status iterdemo.service", List.of(Quoted.everywhere(quoted)))), null);
    }

    @Test
    void aQuotedStateOfARestartLoopIsAwaitedNotLookedAtOnce() throws Exception {
        RestartLoop machine = new RestartLoop(ATTEMPT, PAUSE);
        Silent reporter = new Silent();
        List<Verdict> verdicts = new Runner(machine, Ladder.shipped().get(0), reporter).await("break",
                observing("Active: activating (auto-restart) (Result: exit-code) since …"), null, Duration.ofSeconds(30));
        assertEquals(1, verdicts.size());
        assertTrue(verdicts.get(0).holds(), verdicts.get(0).describe());
        assertEquals(2, machine.asked.size(), "one look during the attempt, one in the pause");
        assertEquals(1, reporter.waits);
    }

    @Test
    void aQuotedLineThatNeverShowsFailsOnceTheTimeIsUpNamingTheLine() throws Exception {
        RestartLoop machine = new RestartLoop(ATTEMPT);
        List<Verdict> verdicts = new Runner(machine, Ladder.shipped().get(0), new Silent()).await("break",
                observing("Active: failed (Result: exit-code) since …"), null, Duration.ofSeconds(2));
        assertEquals(1, verdicts.size());
        assertTrue(!verdicts.get(0).holds());
        assertTrue(verdicts.get(0).describe().contains("Active: failed (Result: exit-code) since …"),
                verdicts.get(0).describe());
        assertTrue(machine.asked.size() >= 2, "looked again until the time was up: " + machine.asked);
    }

    @Test
    void withNoTimeToWaitTheQuotedOutputsAreLookedAtOnce() throws Exception {
        RestartLoop machine = new RestartLoop(ATTEMPT, PAUSE);
        List<Verdict> verdicts = new Runner(machine, Ladder.shipped().get(0), new Silent()).await("check",
                observing("Active: activating (auto-restart) (Result: exit-code) since …"), null, Duration.ZERO);
        assertEquals(1, machine.asked.size());
        assertTrue(!verdicts.get(0).holds());
    }
}
