package io.iterdemo.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.iterdemo.ladder.Ladder.Command;
import io.iterdemo.ladder.Ladder.Expect;
import io.iterdemo.ladder.Ladder.FileCheck;
import io.iterdemo.ladder.Ladder.Loaded;
import io.iterdemo.ladder.Ladder.Observation;
import io.iterdemo.ladder.Ladder.Phase;
import io.iterdemo.ladder.Ladder.Step;
import io.iterdemo.systemtest.Result;
import io.iterdemo.systemtest.Vm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replays a course in a VM the way a trainer would type it: the same command lines, as root, from a
 * copy of the project directory ({@value #PROJECT}: {@code target/iterdemo.jar} and the unit files
 * under {@code systemd/}). After each phase it waits for the phase's expectations, then checks that
 * every output the lesson quotes matches the real one.
 */
final class LadderRunner {
    /** Where the project directory is in the guest; every command runs from there. */
    static final String PROJECT = "/root/iterdemo";
    /** Emulated guests start a JVM in tens of seconds: phases wait this long unless they say otherwise. */
    private static final Duration DEFAULT_WITHIN = Duration.ofSeconds(240);
    private static final String ELLIPSIS = "…";
    /** The walk's units are scored under this prefix and the course's unit name. */
    static final String WALK_PREFIX = "walk-";

    private final Vm vm;
    private final Loaded course;

    private LadderRunner(Vm vm, Loaded course) {
        this.vm = vm;
        this.course = course;
    }

    /**
     * Copies the jar and the shipped unit files into the guest's project directory and returns a
     * runner for {@code courseId}.
     */
    static LadderRunner install(Vm vm, String courseId) throws Exception {
        Path projectDir = Ladder.projectDir();
        Path jar = Path.of(System.getProperty("iterdemo.jar", "target/iterdemo.jar"));
        assertTrue(Files.isRegularFile(jar), "no daemon jar at " + jar + ": run `mvn package` first");
        vm.copy(jar, PROJECT + "/target/iterdemo.jar", "0644");
        for (Loaded loaded : Ladder.load(projectDir)) {
            for (Step step : loaded.steps()) {
                for (String file : loaded.course().unitFiles(step).keySet()) {
                    vm.copy(projectDir.resolve(file), PROJECT + "/" + file, "0644");
                }
            }
        }
        return new LadderRunner(vm, Ladder.course(projectDir, courseId));
    }

    Loaded course() {
        return course;
    }

    void setup() throws Exception {
        for (Phase phase : course.course().setup()) {
            phase("setup", phase);
        }
    }

    void cleanup() throws Exception {
        for (Phase phase : course.course().cleanup()) {
            phase("cleanup", phase);
        }
    }

    /** Brings a machine that has only been set up to the state {@code number} starts from. */
    void given(String number) throws Exception {
        Step step = course.step(number);
        for (Command command : step.given()) {
            command("step " + number + " (given)", command);
        }
    }

    /** Plays every phase of step {@code number}, then checks its exposure score if it has one. */
    void step(String number) throws Exception {
        Step step = course.step(number);
        Log.info("step " + number + ": " + step.title().en());
        long started = System.nanoTime();
        for (Phase phase : step.phases()) {
            phase("step " + number + " " + phase.kind(), phase);
        }
        for (Ladder.Directive directive : step.directives()) {
            // The recap table's test command runs, as printed, on the state the step leaves.
            Result check = vm.sh(inProject(directive.check()));
            assertEquals(0, check.exitCode(), "step " + number + ": recap command for " + directive.directive()
                    + "\n" + check.describe());
        }
        if (step.exposure() != null) {
            assertExposure("step " + number, course.course().unitName(), step.exposure());
        }
        if (step.walk() != null) {
            walk(number, step.walk());
        }
        Log.info("step " + number + " took " + (System.nanoTime() - started) / 1_000_000_000 + " s");
    }

    /** {@code systemd-analyze verify} prints nothing and exits 0 for every unit file this course ships. */
    void verifyUnitFiles() throws Exception {
        for (Step step : course.steps()) {
            for (String file : course.course().unitFiles(step).keySet()) {
                Result verify = vm.sh("cd " + PROJECT + " && systemd-analyze verify " + file);
                assertEquals(0, verify.exitCode(), verify.describe());
                assertEquals("", verify.stdout() + verify.stderr(), "systemd-analyze verify is clean:\n" + verify.describe());
            }
        }
    }

    /**
     * Scores every unit along the walk under its own name ({@value #WALK_PREFIX} and the course's unit
     * name), so the service the step left running is not touched; the unit is removed afterwards.
     */
    private void walk(String number, Ladder.Walk walk) throws Exception {
        String unit = WALK_PREFIX + course.course().unitName();
        String path = "/etc/systemd/system/" + unit;
        List<String> units = new ArrayList<>();
        units.add(walk.from());
        units.addAll(HardeningWalk.units(walk));
        List<String> exposures = new ArrayList<>();
        exposures.add(walk.fromExposure());
        walk.steps().forEach(s -> exposures.add(s.exposure()));
        try {
            for (int i = 0; i < units.size(); i++) {
                vm.write(path, units.get(i), "0644");
                vm.runOk("systemctl", "daemon-reload");
                assertExposure("step " + number + " walk, " + (i == 0 ? "start" : String.join(" ", walk.steps().get(i - 1).lines())),
                        unit, exposures.get(i));
            }
        } finally {
            vm.sh("rm -f " + path + " && systemctl daemon-reload");
        }
    }

    private void assertExposure(String where, String unit, String exposure) throws Exception {
        Result security = vm.sh("systemd-analyze security --no-pager " + unit);
        String expected = "Overall exposure level for " + unit + ": " + exposure;
        assertTrue(security.stdout().contains(expected), where + ": expected «" + expected + "»\n"
                + security.stdout().lines().filter(l -> l.contains("Overall")).toList());
    }

    private void phase(String where, Phase phase) throws Exception {
        String cursor = journalCursor();
        for (Command command : phase.run()) {
            command(where, command);
        }
        if (phase.expect() != null) {
            expect(where, phase.expect(), cursor);
        }
        for (Observation observation : phase.observe()) {
            observe(where, observation);
        }
    }

    private void command(String where, Command command) throws Exception {
        if (!command.runsInVm()) {
            return;
        }
        Result result = vm.sh(inProject(command.run()));
        if (result.exitCode() != command.expectedExit()) {
            fail(where + ": expected exit status " + command.expectedExit() + "\n" + result.describe());
        }
    }

    private void expect(String where, Expect expect, String cursor) throws InterruptedException {
        Duration within = expect.within() == null ? DEFAULT_WITHIN : Duration.ofSeconds(expect.within());
        vm.await(where + " expectations", within, () -> unmet(expect, cursor), List::isEmpty);
    }

    /** What of {@code expect} does not hold yet; empty when everything does. */
    private List<String> unmet(Expect expect, String cursor) throws Exception {
        String unit = course.course().unitName();
        List<String> unmet = new ArrayList<>();
        if (!expect.show().isEmpty()) {
            String wanted = expect.show().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                    .reduce("", String::concat);
            String actual = vm.sh("systemctl show -p " + String.join(",", expect.show().keySet()) + " " + unit).stdout();
            if (!actual.equals(wanted)) {
                unmet.add("systemctl show printed\n" + actual + "instead of\n" + wanted);
            }
        }
        for (Map.Entry<String, Long> e : expect.atLeast().entrySet()) {
            long value = Long.parseLong(vm.property(unit, e.getKey()));
            if (value < e.getValue()) {
                unmet.add(e.getKey() + "=" + value + " < " + e.getValue());
            }
        }
        if (!expect.journal().isEmpty()) {
            String journal = vm.sh("journalctl --no-pager -u " + unit + " --after-cursor='" + cursor + "'").stdout();
            for (String text : expect.journal()) {
                if (!journal.contains(text)) {
                    unmet.add("journal lacks «" + text + "»; since the phase began it holds:\n" + tail(journal, 30));
                }
            }
        }
        for (FileCheck file : expect.files()) {
            if (file.mustBeAbsent()) {
                // test -e, not cat: a directory must count as present.
                if (vm.run("test", "-e", file.path()).ok()) {
                    unmet.add(file.path() + " exists");
                }
                continue;
            }
            Result cat = vm.run("cat", file.path());
            for (String text : file.contains()) {
                if (!cat.stdout().contains(text)) {
                    unmet.add(file.path() + " lacks «" + text + "»: " + tail(cat.stdout() + cat.stderr(), 5));
                }
            }
        }
        return unmet;
    }

    /** Each quoted line matches a line of the real output, in order, "…" standing for anything. */
    private void observe(String where, Observation observation) throws Exception {
        Result result = vm.sh(inProject(observation.run()));
        List<String> actual = result.stdout().lines().map(String::strip).toList();
        int from = 0;
        for (String quoted : observation.lines()) {
            Pattern pattern = quotePattern(quoted.strip());
            int found = -1;
            for (int i = from; i < actual.size(); i++) {
                if (pattern.matcher(actual.get(i)).matches()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                fail(where + ": the lesson quotes «" + quoted.strip() + "» from `" + observation.run()
                        + "`, but after the lines already matched the real output has no such line:\n"
                        + result.describe());
            }
            from = found + 1;
        }
    }

    static Pattern quotePattern(String quoted) {
        StringBuilder regex = new StringBuilder();
        String[] parts = quoted.split(ELLIPSIS, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }

    private String journalCursor() throws Exception {
        String out = vm.runOk("journalctl", "-q", "-n", "1", "-o", "cat", "--show-cursor").stdout();
        String marker = "-- cursor: ";
        int at = out.lastIndexOf(marker);
        assertTrue(at >= 0, "no cursor in journalctl's output:\n" + out);
        return out.substring(at + marker.length()).strip();
    }

    private static String inProject(String command) {
        return "cd " + PROJECT + " && " + command;
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** Progress lines in the test output, like the harness's own. */
    static final class Log {
        private Log() {
        }

        static void info(String message) {
            System.err.println("[ladder] " + message);
        }
    }
}
