package io.iterdemo.lab;

import io.iterdemo.lab.Ladder.Command;
import io.iterdemo.lab.Ladder.Directive;
import io.iterdemo.lab.Ladder.Loaded;
import io.iterdemo.lab.Ladder.Observation;
import io.iterdemo.lab.Ladder.Phase;
import io.iterdemo.lab.Ladder.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays a course on a {@link Machine} the way a trainer types it: the same command lines, in the lab
 * directory, as root. After a phase's commands it waits for the phase's expectations ({@link Expectations}),
 * then checks that every output the lesson quotes matches the real one ({@link QuotedOutput}). A step played
 * whole also runs its recap commands and measures its exposure score and hardening walk.
 */
public final class Runner {
    /** A JVM starts in under a second on a laptop and in tens of seconds in an emulated VM: phases wait up to this. */
    public static final Duration DEFAULT_WITHIN = Duration.ofSeconds(240);
    /** Commands are killed after this: the setup's apt install of Java on a slow network included, none takes that long. */
    private static final Duration COMMAND_LIMIT = Duration.ofSeconds(900);
    /** The walk's units are scored under this prefix and the course's unit name. */
    public static final String WALK_PREFIX = "walk-";

    private final Machine machine;
    private final Loaded course;
    private final Reporter progress;
    private Integer systemd;

    public Runner(Machine machine, Loaded course, Reporter progress) {
        this.machine = machine;
        this.course = course;
        this.progress = progress;
    }

    public Loaded course() {
        return course;
    }

    /** The course's setup: packages, users, the jar in place. */
    public void setup() throws LabFailure, IOException, InterruptedException {
        for (Phase phase : course.course().setup()) {
            play("setup", phase, null);
        }
    }

    /** What a machine that has only been set up needs to start at {@code step}: the step's {@code given}. */
    public void given(Step step) throws LabFailure, IOException, InterruptedException {
        for (Command command : step.given()) {
            command("step " + step.number() + " (given)", command);
        }
    }

    /** The course's cleanup, its expectations checked. */
    public void cleanup() throws LabFailure, IOException, InterruptedException {
        for (Phase phase : course.course().cleanup()) {
            play("cleanup", phase, null);
        }
    }

    /** Plays every phase of {@code step}, then its recap commands, its exposure score and its walk. */
    public void step(Step step) throws LabFailure, IOException, InterruptedException {
        progress.section("step " + step.number() + ": " + step.title().en());
        for (Phase phase : step.phases()) {
            play("step " + step.number() + " " + phase.kind(), phase, null);
        }
        for (Directive directive : step.directives()) {
            // The recap table's test command runs, as printed, on the state the step leaves.
            Command check = new Command(directive.check(), 0);
            command("step " + step.number() + " recap of " + directive.directive(), check);
        }
        if (step.exposure() != null) {
            exposure("step " + step.number(), course.course().unitName(), step.exposure());
        }
        if (step.walk() != null) {
            walk(step, step.walk());
        }
    }

    /**
     * Runs {@code phase}'s commands, then waits up to its {@code within} (or {@code limit} when given) for
     * its expectations and checks its quoted output.
     */
    public void play(String where, Phase phase, Duration limit) throws LabFailure, IOException, InterruptedException {
        if (phase.title() != null || phase.kind() != null) {
            progress.section(where + (phase.title() != null ? ": " + phase.title().en() : ""));
        }
        JournalCursor since = JournalCursor.now(machine);
        runCommands(where, phase);
        List<Verdict> verdicts = await(where, phase, since, limit == null ? within(phase) : limit);
        List<Verdict> failed = verdicts.stream().filter(v -> !v.holds()).toList();
        if (!failed.isEmpty()) {
            progress.verdicts(verdicts);
            throw new LabFailure(where + ": " + failed.get(0).describe(), String.join("\n",
                    failed.stream().map(Verdict::describe).toList()));
        }
    }

    /** Runs the commands of {@code phase} only, each checked for its exit status. */
    public void runCommands(String where, Phase phase) throws LabFailure, IOException, InterruptedException {
        for (Command command : phase.run()) {
            command(where, command);
        }
    }

    /** How long {@code phase} may take to hold, from its data. */
    public static Duration within(Phase phase) {
        return phase.expect() != null && phase.expect().within() != null
                ? Duration.ofSeconds(phase.expect().within()) : DEFAULT_WITHIN;
    }

    /**
     * Checks {@code phase}'s expectations, then its quoted outputs, until all of them hold or {@code limit} has
     * passed, reporting the wait; returns every verdict of the last check. The quoted outputs are awaited too
     * because some show a state a unit goes in and out of (a restart loop: {@code activating (auto-restart)},
     * then a new attempt), which one look can catch on the wrong side; they are run only once the
     * expectations hold, so a slow command ({@code systemd-analyze security}) runs once when all is well.
     */
    public List<Verdict> await(String where, Phase phase, JournalCursor since, Duration limit)
            throws IOException, InterruptedException {
        String unit = course.course().unitName();
        long started = System.nanoTime();
        while (true) {
            List<Verdict> all = new ArrayList<>();
            if (phase.expect() != null) {
                all.addAll(Expectations.check(machine, unit, phase.expect(), since, systemd()));
            }
            boolean last = (System.nanoTime() - started) / 1_000_000_000L >= limit.toSeconds();
            if (last || all.stream().allMatch(Verdict::holds)) {
                for (Observation observation : phase.observe()) {
                    all.add(observe(observation));
                }
            }
            long holding = all.stream().filter(Verdict::holds).count();
            if (last || holding == all.size()) {
                return all;
            }
            progress.waiting(where, (int) holding, all.size(), (System.nanoTime() - started) / 1_000_000_000L,
                    limit.toSeconds());
            Thread.sleep(1000);
        }
    }

    private Verdict observe(Observation observation) throws IOException, InterruptedException {
        Machine.Outcome outcome = machine.sh(observation.run(), COMMAND_LIMIT);
        Optional<String> missing = QuotedOutput.firstMissing(observation.linesOn(systemd()), outcome.stdout());
        String subject = "`" + observation.run() + "`";
        return missing.map(line -> new Verdict(subject, false, "a line «" + line + "»",
                        "no such line after the ones before it (last line: " + Texts.lastLine(outcome.stdout()) + ")",
                        observation.run()))
                .orElseGet(() -> new Verdict(subject, true, "the lines the lesson quotes", "", observation.run()));
    }

    /**
     * The major version of the machine's systemd ({@code systemctl --version}), asked once: it chooses the
     * quoted texts that differ per release. When systemctl does not answer, the newest release's texts.
     */
    public int systemd() throws IOException, InterruptedException {
        if (systemd == null) {
            Machine.Outcome version = machine.sh("systemctl --version", Duration.ofSeconds(60));
            systemd = version.ok() ? Host.systemdVersion(version.stdout()).orElse(Integer.MAX_VALUE) : Integer.MAX_VALUE;
        }
        return systemd;
    }

    private void command(String where, Command command) throws LabFailure, IOException, InterruptedException {
        Machine.Outcome outcome = machine.sh(command.run(), COMMAND_LIMIT);
        progress.command(command.run(), outcome);
        if (outcome.exitCode() != command.expectedExit()) {
            throw new LabFailure(where + ": `" + command.run() + "` exited " + outcome.exitCode() + ", expected "
                    + command.expectedExit(), outcome.describe(command.run()));
        }
    }

    /**
     * Scores every unit along the walk under its own name ({@value #WALK_PREFIX} and the course's unit
     * name), so the service the step left running is not touched; the unit is removed afterwards.
     */
    private void walk(Step step, Ladder.Walk walk) throws LabFailure, IOException, InterruptedException {
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
                String write = "printf '%s' " + Texts.shellQuote(units.get(i)) + " > " + path + " && systemctl daemon-reload";
                Machine.Outcome outcome = machine.sh(write, COMMAND_LIMIT);
                if (!outcome.ok()) {
                    throw new LabFailure("step " + step.number() + " walk: cannot write " + path, outcome.describe(write));
                }
                String added = i == 0 ? "start" : String.join(" ", walk.steps().get(i - 1).lines());
                exposure("step " + step.number() + " walk, " + added, unit, exposures.get(i));
            }
        } finally {
            machine.sh("rm -f " + path + " && systemctl daemon-reload", COMMAND_LIMIT);
        }
    }

    private void exposure(String where, String unit, String exposure) throws LabFailure, IOException, InterruptedException {
        String command = "systemd-analyze security --no-pager " + unit;
        Machine.Outcome security = machine.sh(command, COMMAND_LIMIT);
        String expected = "Overall exposure level for " + unit + ": " + exposure;
        String seen = security.stdout().lines().filter(l -> l.contains("Overall")).findFirst().orElse("(none)");
        if (!seen.contains(expected)) {
            throw new LabFailure(where + ": exposure: expected «" + expected + "», seen «" + seen.strip() + "»",
                    security.describe(command));
        }
        progress.info(where + ": " + expected.substring("Overall ".length()));
    }
}
