package io.iterdemo.lab;

import io.iterdemo.lab.Ladder.Lang;
import io.iterdemo.lab.Ladder.Loaded;
import io.iterdemo.lab.Ladder.Phase;
import io.iterdemo.lab.Ladder.Step;
import io.iterdemo.lab.ProgressFile.Position;
import io.iterdemo.lab.ProgressFile.Progress;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code iterdemo lab}: the ladder and p3test on the student's own machine, from the course data shipped in
 * the jar, checked by the same code the system tests run under systemd (see docs/lab.md).
 *
 * <p>Exit statuses (sysexits.h where one fits): 0 done, or every expectation holds; 1 a check or a played
 * step did not hold (the lines above say which and why); 64 USAGE unknown verb, course or step (the valid
 * ones are listed); 66 NOINPUT no lab directory; 69 UNAVAILABLE not a systemd-booted machine; 70 SOFTWARE
 * internal error; 74 IOERR the progress file or a save cannot be written; 77 NOPERM a verb that changes the
 * machine, run without root; 78 CONFIG course data that cannot be used (file, line, key).
 */
@Command(name = "lab", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
        description = "The systemd lab on this machine: lessons, progress, checks.",
        subcommands = {LabCommand.ListVerb.class, LabCommand.ShowVerb.class, LabCommand.StartVerb.class,
            LabCommand.CheckVerb.class, LabCommand.NextVerb.class, LabCommand.RunVerb.class, LabCommand.ResetVerb.class,
            LabCommand.DoctorVerb.class},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:done; every expectation holds", "1:a check or a played step does not hold",
            "64:unknown verb, course or step (USAGE)", "66:no lab directory (NOINPUT)",
            "69:not a systemd-booted machine (UNAVAILABLE)", "74:the progress file cannot be written, or the journal's position read (IOERR)",
            "70:internal error (SOFTWARE)", "77:needs root (NOPERM)", "78:course data unusable (CONFIG)"})
public final class LabCommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final int USAGE = 64;
    static final int NOINPUT = 66;
    static final int UNAVAILABLE = 69;
    static final int SOFTWARE = 70;
    static final int IOERR = 74;
    static final int NOPERM = 77;
    static final int CONFIG = 78;
    /** How long {@code check} and {@code next} wait for expectations unless told: a JVM starts in seconds here. */
    static final int CHECK_WAIT = 20;

    final Map<String, String> env;
    final PrintStream out;
    final PrintStream err;
    private List<Loaded> courses;

    LabCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs {@code iterdemo lab ARGS} and returns its exit status. Nothing escapes as a stack trace: each error
     * is one line on standard error.
     */
    public static int run(List<String> args, Map<String, String> env) {
        // The lessons are UTF-8 (French, ✓, →) whatever the locale says, and a locale that is not installed
        // would make Java print them as '?'.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        LabCommand lab = new LabCommand(env, out, err);
        CommandLine cli = lab.commandLine();
        cli.setCommandName("iterdemo lab");
        return cli.execute(args.toArray(String[]::new));
    }

    /** The picocli command line of {@code iterdemo lab}: also what the bash completion script is generated from. */
    public static CommandLine commandLine(Map<String, String> env) {
        return new LabCommand(env, System.out, System.err).commandLine();
    }

    CommandLine commandLine() {
        CommandLine cli = new CommandLine(this, new Factory());
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, args) -> {
            String message = e.getMessage().lines().findFirst().orElse("bad arguments");
            if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
                if (e.getCommandLine() == cli) {
                    message = "unknown verb \"" + unmatched.getUnmatched().get(0) + "\"; the verbs are "
                            + String.join(", ", cli.getSubcommands().keySet());
                } else if (unmatched.getUnmatched().stream().noneMatch(word -> word.startsWith("-"))) {
                    message = "too many arguments for " + e.getCommandLine().getCommandName() + ": "
                            + String.join(" ", unmatched.getUnmatched());
                }
            }
            err.println("iterdemo lab: " + message + "; see iterdemo lab --help");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof CourseDataException) {
                err.println("iterdemo lab: unusable course data: " + e.getMessage());
                return CONFIG;
            }
            err.println("iterdemo lab: internal error: " + e);
            return SOFTWARE;
        });
        return cli;
    }

    /** Lets picocli build the verbs with a reference to this command. */
    private final class Factory implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (Verb.class.isAssignableFrom(type)) {
                K verb = CommandLine.defaultFactory().create(type);
                ((Verb) verb).lab = LabCommand.this;
                return verb;
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    @Override
    public Integer call() throws IOException {
        return new ListVerb().with(this).call();
    }

    List<Loaded> courses() {
        if (courses == null) {
            courses = Ladder.shipped();
        }
        return courses;
    }

    ProgressFile progressFile() {
        return new ProgressFile(Path.of(env.getOrDefault("ITERDEMO_LAB_PROGRESS", ProgressFile.DEFAULT)).toAbsolutePath());
    }

    Path labDirectory() {
        return LabDirectory.find(env);
    }

    /** A step of a course named by the verb's arguments: {@code [COURSE] STEP}. */
    record Target(Loaded course, Step step) {
    }

    /** Thrown to end a verb with a one-line message and an exit status. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Refusal(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * The step named by {@code [COURSE] STEP}: a bare number is a step of the first course (the ladder), as the
     * lessons say; any other course is named.
     */
    Target target(String verb, List<String> words) throws Refusal {
        String courseId;
        String number;
        if (words.size() > 2) {
            throw new Refusal(USAGE, "too many arguments: " + String.join(" ", words.subList(2, words.size()))
                    + " (a step is named by [COURSE] STEP, e.g. 3 or p3test 3)");
        }
        if (words.size() == 2) {
            courseId = words.get(0);
            number = words.get(1);
            if (courses().stream().noneMatch(c -> c.course().id().equals(courseId))
                    && courses().get(0).numbers().contains(courseId)) {
                throw new Refusal(USAGE, "too many arguments: " + number + " (a step is named by [COURSE] STEP, e.g. "
                        + courseId + " or p3test 3)");
            }
        } else if (courses().stream().anyMatch(c -> c.course().id().equals(words.get(0)))) {
            Loaded course = course(words.get(0));
            throw new Refusal(USAGE, "which step of " + course.course().id() + "? its steps are " + course.numbers()
                    + " (iterdemo lab " + verb + " " + course.course().id() + " " + course.steps().get(0).number() + ")");
        } else {
            courseId = courses().get(0).course().id();
            number = words.get(0);
        }
        Loaded course = course(courseId);
        try {
            return new Target(course, course.step(number));
        } catch (IllegalArgumentException e) {
            throw new Refusal(USAGE, e.getMessage());
        }
    }

    Loaded course(String id) throws Refusal {
        return courses().stream().filter(c -> c.course().id().equals(id)).findFirst().orElseThrow(() -> new Refusal(USAGE,
                "no course " + id + "; the courses are " + String.join(", ", courses().stream().map(c -> c.course().id()).toList())));
    }

    /**
     * Refuses unless the machine is systemd-booted and this is root: what every verb that changes it needs.
     * {@code command}: the verb and its arguments as typed, for the command to type again as root.
     */
    void requireMachine(String command) throws Refusal {
        String verb = command.split(" ", 2)[0];
        if (!Host.root()) {
            throw new Refusal(NOPERM, verb + " changes the machine (units, users, files): run it as root (sudo iterdemo lab "
                    + command + ")");
        }
        if (!Host.systemdBooted()) {
            throw new Refusal(UNAVAILABLE, verb + " needs a machine booted with systemd, and this one is not (no "
                    + "/run/systemd/system: a container, WSL without systemd or a chroot); iterdemo lab doctor says more");
        }
    }

    Runner runner(Loaded course, Reporter reporter) throws IOException {
        return new Runner(machine(), course, reporter);
    }

    /**
     * Thrown when the machine's systemd is older than a step needs ({@link Step#since()}): the step is skipped,
     * which is not a failure (a trainer's loop over every step goes on), with one line saying why.
     */
    static final class Skipped extends Exception {
        private static final long serialVersionUID = 1L;

        Skipped(String message) {
            super(message);
        }
    }

    /** Skips {@code target} when this machine's systemd predates it: "step 17 needs systemd >= 253 ...". */
    void requireSystemdFor(Target target, Runner runner) throws Skipped, IOException, InterruptedException {
        Step step = target.step();
        int systemd = runner.systemd();
        if (!step.runsOn(systemd)) {
            throw new Skipped("step " + words(target) + " skipped: it needs systemd >= " + step.since() + " ("
                    + step.title().en() + "), and this machine has systemd " + systemd);
        }
    }

    /** A machine ready for a step: the course begun (saved), set up, the step's {@code given} run. */
    record Prepared(Progress progress, Runner runner) {
    }

    /** What {@code start} and {@code run} do first: refuse or save, set up, and bring in the step's {@code given}. */
    Prepared prepare(String verb, Target target, Progress progress, Console console)
            throws Refusal, Skipped, LabFailure, IOException, InterruptedException {
        requireMachine(verb + " " + words(target));
        Runner runner = runner(target.course(), console);
        requireSystemdFor(target, runner);
        Progress begun = begin(target.course(), progress, console);
        console.section("setup of " + target.course().course().id());
        runner.setup();
        runner.given(target.step());
        return new Prepared(begun, runner);
    }

    /**
     * Saves what the course touches, once, before it first changes anything (which also stops its units). A
     * save that exists is kept, whatever the progress file says: the state before the course is the first one.
     */
    Progress begin(Loaded course, Progress progress, Console console) throws LabFailure, IOException, InterruptedException {
        BeforeTheCourse before = new BeforeTheCourse(machine(), course.course());
        if (!before.saved()) {
            console.info("saving the state of what course " + course.course().id() + " touches, for iterdemo lab reset: "
                    + String.join(" ", course.course().touches().paths()));
            before.save();
        }
        Progress begun = progress.begin(course.course().id());
        progressFile().write(begun);
        return begun;
    }

    /** The machine the lab runs on, in the lab directory; refuses when the lab directory is missing. */
    LocalMachine machine() throws IOException {
        Path dir = labDirectory();
        if (!java.nio.file.Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null,
                    "the lab directory does not exist (" + LabDirectory.REMEDY + ")");
        }
        return new LocalMachine(dir);
    }

    static Lang language(String option, Map<String, String> env) {
        if (option != null) {
            return option.equalsIgnoreCase("fr") ? Lang.FR : Lang.EN;
        }
        for (String name : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                return value.startsWith("fr") ? Lang.FR : Lang.EN;
            }
        }
        return Lang.EN;
    }

    /** Base of the verbs: the lab command, and the mapping of refusals and failures to one line and a status. */
    abstract static class Verb implements Callable<Integer> {
        LabCommand lab;

        Verb with(LabCommand lab) {
            this.lab = lab;
            return this;
        }

        @Override
        public final Integer call() {
            try {
                return execute();
            } catch (Refusal e) {
                lab.err.println("iterdemo lab: " + e.getMessage());
                return e.status;
            } catch (Skipped e) {
                lab.out.println("iterdemo lab: " + e.getMessage());
                return 0;
            } catch (LabFailure e) {
                lab.err.println("iterdemo lab: " + e.getMessage());
                return FAILED;
            } catch (java.nio.file.NoSuchFileException e) {
                lab.err.println("iterdemo lab: " + e.getFile() + ": " + (e.getReason() != null ? e.getReason() : "no such file"));
                return NOINPUT;
            } catch (IOException e) {
                lab.err.println("iterdemo lab: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
                return IOERR;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lab.err.println("iterdemo lab: interrupted");
                return FAILED;
            }
        }

        abstract int execute() throws Refusal, Skipped, LabFailure, IOException, InterruptedException;

        Console console() {
            return Console.standard(lab.env, lab.out);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
            description = "The courses and their steps, with your progress, and the systemd version found.")
    static final class ListVerb extends Verb {
        @Override
        int execute() {
            Progress progress = lab.progressFile().read();
            PrintStream out = lab.out;
            Optional<Integer> systemd = Host.systemdBooted() ? Host.systemdVersion() : Optional.empty();
            out.println("systemd: " + (Host.systemdBooted()
                    ? systemd.map(v -> "version " + v).orElse("booted, version unknown")
                    : "not running as this machine's manager (iterdemo lab doctor)"));
            Path dir = lab.labDirectory();
            out.println("lab directory: " + dir + (java.nio.file.Files.isDirectory(dir)
                    ? "  (cd there to type the lessons' commands)" : "  (missing: " + LabDirectory.REMEDY + ")"));
            for (Loaded course : lab.courses()) {
                out.println();
                out.println(course.course().id() + ": " + course.course().title().en());
                for (Step step : course.steps()) {
                    String status = systemd.isPresent() && !step.runsOn(systemd.get())
                            ? "needs systemd >= " + step.since() + ": skipped here" : status(progress, course, step);
                    out.printf("  %-3s %-62s %s%n", step.number(), step.title().en(), status);
                }
            }
            out.println();
            out.println("iterdemo lab show STEP; iterdemo lab start STEP (p3test: iterdemo lab start p3test STEP)");
            return 0;
        }

        private static String status(Progress progress, Loaded course, Step step) {
            Position at = progress.position();
            if (at != null && at.course().equals(course.course().id()) && at.step().equals(step.number())
                    && at.phase() < step.phases().size()) {
                Phase phase = step.phases().get(at.phase());
                return "current: phase " + (at.phase() + 1) + " of " + step.phases().size() + " (" + phase.kind() + ")";
            }
            return progress.hasPassed(course.course().id(), step.number()) ? "passed" : "not started";
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
            description = "A step's lesson, with the commands to type (language from LANG, or --lang).")
    static final class ShowVerb extends Verb {
        @Parameters(arity = "1..2", paramLabel = "[COURSE] STEP", completionCandidates = Steps.class,
                description = "a step of the ladder (0, 1, ...), or a course and a step (p3test 3)")
        List<String> words;

        @Option(names = "--lang", paramLabel = "fr|en", completionCandidates = Languages.class,
                description = "fr or en; default: from LC_ALL, LC_MESSAGES or LANG")
        String lang;

        @Override
        int execute() throws Refusal {
            if (lang != null && !lang.equalsIgnoreCase("fr") && !lang.equalsIgnoreCase("en")) {
                throw new Refusal(USAGE, "--lang " + lang + ": the lessons exist in fr and en");
            }
            Target target = lab.target("show", words);
            lab.out.print(LessonWriter.step(target.course(), target.step(), language(lang, lab.env)));
            return 0;
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
            description = "Brings this machine to the start of a step (setup, what the step needs, its unit "
                    + "installed and running) and says what to do next.")
    static final class StartVerb extends Verb {
        @Parameters(arity = "1..2", paramLabel = "[COURSE] STEP", completionCandidates = Steps.class,
                description = "a step of the ladder (0, 1, ...), or a course and a step (p3test 3)")
        List<String> words;

        @Override
        int execute() throws Refusal, Skipped, LabFailure, IOException, InterruptedException {
            Progress progress = lab.progressFile().read();
            Target target = lab.target("start", words);
            Console console = console();
            Prepared prepared = lab.prepare("start", target, progress, console);
            progress = prepared.progress();
            Runner runner = prepared.runner();
            Step step = target.step();
            List<Phase> phases = step.phases();
            int current = leadingPhases(step);
            for (int i = 0; i < current; i++) {
                runner.play("step " + step.number() + " " + phases.get(i).kind(), phases.get(i), null);
            }
            JournalCursor since = JournalCursor.now(lab.machine());
            Phase phase = phases.get(current);
            if (!phase.kind().equals("break")) {
                runner.runCommands("step " + step.number() + " " + phase.kind(), phase);
            }
            lab.progressFile().write(progress.at(new Position(target.course().course().id(), step.number(), current, since)));
            console.section("step " + step.number() + ": " + step.title().in(language(null, lab.env)));
            if (phase.kind().equals("break")) {
                NextVerb.announce(lab, console, target.course(), step, current);
            } else {
                console.info("You are at phase " + (current + 1) + " of " + phases.size() + " (" + phase.kind()
                        + "): its commands ran. Read the step: iterdemo lab show " + words(target)
                        + "; check that it works: iterdemo lab check; then go on: iterdemo lab next");
            }
            return 0;
        }

        /** The index of the last phase before the first break: where a student starts, on a working service. */
        static int leadingPhases(Step step) {
            int firstBreak = 0;
            while (firstBreak < step.phases().size() && !step.phases().get(firstBreak).kind().equals("break")) {
                firstBreak++;
            }
            return Math.max(0, firstBreak - 1);
        }
    }

    static void requireWait(int seconds) throws Refusal {
        if (seconds < 0 || seconds > 3600) {
            throw new Refusal(USAGE, "--wait " + seconds + ": a number of seconds from 0 to 3600");
        }
    }

    static String words(Target target) {
        return (target.course() == null || target.course().course().id().equals("ladder") ? ""
                : target.course().course().id() + " ") + target.step().number();
    }

    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
            description = "Checks, on the live system, what the phase you are in expects; runs none of its commands.")
    static final class CheckVerb extends Verb {
        @Parameters(arity = "0..2", paramLabel = "[COURSE] STEP", completionCandidates = Steps.class,
                description = "the step you are in (default: the current one)")
        List<String> words = new ArrayList<>();

        @Option(names = "--wait", paramLabel = "SECONDS", description = "wait up to this long for the expectations and quoted outputs "
                + "to hold (default: ${DEFAULT-VALUE}; a JVM in an emulated VM needs more)")
        int waitSeconds = CHECK_WAIT;

        @Override
        int execute() throws Refusal, IOException, InterruptedException {
            requireWait(waitSeconds);
            lab.requireMachine(("check " + String.join(" ", words)).strip());
            Progress progress = lab.progressFile().read();
            Position at = current(lab, progress, words);
            Loaded course = lab.course(at.course());
            return check(lab, console(), course, course.step(at.step()), at, waitSeconds) ? 0 : FAILED;
        }

        static Position current(LabCommand lab, Progress progress, List<String> words) throws Refusal {
            Position at = progress.position();
            if (at == null) {
                throw new Refusal(USAGE, "no step is under way: iterdemo lab start STEP first (iterdemo lab lists them)");
            }
            if (!words.isEmpty()) {
                Target target = lab.target("check", words);
                if (!target.course().course().id().equals(at.course()) || !target.step().number().equals(at.step())) {
                    throw new Refusal(USAGE, "step " + words(target) + " is not under way; you are at "
                            + (at.course().equals("ladder") ? "" : at.course() + " ") + "step " + at.step()
                            + " (iterdemo lab start " + words(target) + " to go there)");
                }
            }
            Loaded course = lab.course(at.course());
            try {
                Step step = course.step(at.step());
                if (at.phase() >= step.phases().size()) {
                    throw new IllegalArgumentException("phase " + at.phase());
                }
            } catch (IllegalArgumentException e) {
                throw new Refusal(USAGE, "the progress file names a step the course does not have any more: "
                        + "iterdemo lab start STEP");
            }
            return at;
        }

        static boolean check(LabCommand lab, Console console, Loaded course, Step step, Position at, int waitSeconds)
                throws IOException, InterruptedException {
            Phase phase = step.phases().get(at.phase());
            String where = "step " + step.number() + ", phase " + (at.phase() + 1) + " of " + step.phases().size()
                    + " (" + phase.kind() + ")";
            console.section(where);
            Runner runner = lab.runner(course, console);
            Duration limit = Duration.ofSeconds(Math.min(waitSeconds, Runner.within(phase).toSeconds()));
            List<Verdict> verdicts = runner.await(where, phase, at.since(), limit);
            if (verdicts.isEmpty()) {
                console.info("this phase expects nothing to check: iterdemo lab next");
                return true;
            }
            console.verdicts(verdicts);
            long failed = verdicts.stream().filter(v -> !v.holds()).count();
            if (failed == 0) {
                console.info("all " + verdicts.size() + " expectations hold: iterdemo lab next");
                return true;
            }
            console.info(failed + " of " + verdicts.size() + " expectations do not hold"
                    + (phase.run().isEmpty() ? "" : "; the phase's commands: iterdemo lab show "
                            + words(new Target(course, step))));
            return false;
        }
    }

    @Command(name = "next", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
            description = "Once the current phase checks, moves on to the next one (works, break, fix, ...) and shows what to type.")
    static final class NextVerb extends Verb {
        @Option(names = "--wait", paramLabel = "SECONDS", description = "wait up to this long for the current phase "
                + "to check (default: ${DEFAULT-VALUE})")
        int waitSeconds = CHECK_WAIT;

        @Override
        int execute() throws Refusal, IOException, InterruptedException {
            requireWait(waitSeconds);
            lab.requireMachine("next");
            Progress progress = lab.progressFile().read();
            Position at = CheckVerb.current(lab, progress, List.of());
            Loaded course = lab.course(at.course());
            Step step = course.step(at.step());
            Console console = console();
            if (!CheckVerb.check(lab, console, course, step, at, waitSeconds)) {
                console.info("not moving on: the current phase does not check yet");
                return FAILED;
            }
            int next = at.phase() + 1;
            if (next >= step.phases().size()) {
                lab.progressFile().write(progress.pass(course.course().id(), step.number()));
                console.info("step " + step.number() + " passed. " + whatNext(lab, course, step));
                return 0;
            }
            JournalCursor since = JournalCursor.now(lab.machine());
            lab.progressFile().write(progress.at(new Position(at.course(), at.step(), next, since)));
            announce(lab, console, course, step, next);
            return 0;
        }

        /**
         * The next step to start, or that this was the last one this machine's systemd runs: the steps after it
         * that need a newer systemd are named, not started.
         */
        static String whatNext(LabCommand lab, Loaded course, Step step) throws IOException, InterruptedException {
            List<Step> after = course.steps().subList(course.steps().indexOf(step) + 1, course.steps().size());
            if (after.isEmpty()) {
                return "That was the course's last step.";
            }
            Step next = after.get(0);
            // Only a step that names a systemd version needs the machine's (a systemctl --version).
            int systemd = next.since() == null ? Integer.MAX_VALUE
                    : lab.runner(course, Console.standard(lab.env, lab.out)).systemd();
            if (next.runsOn(systemd)) {
                return "Next: iterdemo lab start " + words(new Target(course, next));
            }
            return "That was the last step systemd " + systemd + " runs: step" + (after.size() > 1 ? "s " : " ")
                    + String.join(", ", after.stream().map(Step::number).toList()) + " need"
                    + (after.size() > 1 ? "" : "s") + " systemd >= " + next.since() + ".";
        }

        /** Shows the phase the student is now in: what it is about and the commands to type. */
        static void announce(LabCommand lab, Console console, Loaded course, Step step, int index) {
            Phase phase = step.phases().get(index);
            Lang lang = language(null, lab.env);
            console.section("phase " + (index + 1) + " of " + step.phases().size() + ": " + phase.kind()
                    + (phase.title() != null ? " — " + phase.title().in(lang) : ""));
            if (phase.text() != null) {
                console.info(phase.text().in(lang));
            }
            if (!phase.run().isEmpty()) {
                console.info("Type, in " + lab.labDirectory() + ":");
                phase.run().forEach(c -> console.info("  " + c.run()));
            }
            console.info("Then: iterdemo lab check");
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
            description = "Plays a whole step by itself, commands and checks, as a trainer's demonstration.")
    static final class RunVerb extends Verb {
        @Parameters(arity = "1..2", paramLabel = "[COURSE] STEP", completionCandidates = Steps.class,
                description = "a step of the ladder (0, 1, ...), or a course and a step (p3test 3)")
        List<String> words;

        @Override
        int execute() throws Refusal, Skipped, LabFailure, IOException, InterruptedException {
            Progress progress = lab.progressFile().read();
            Target target = lab.target("run", words);
            Console console = console();
            Prepared prepared = lab.prepare("run", target, progress, console);
            progress = prepared.progress();
            try {
                prepared.runner().step(target.step());
            } catch (LabFailure e) {
                console.info(e.details());
                throw e;
            }
            lab.progressFile().write(progress.pass(target.course().course().id(), target.step().number()));
            console.info("step " + words(target) + " played: every phase held as the lesson says");
            return 0;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
            description = "The course's cleanup: what it created removed, what it changed put back as before it began.")
    static final class ResetVerb extends Verb {
        @Parameters(arity = "0..1", paramLabel = "COURSE", completionCandidates = Courses.class,
                description = "the course to reset (default: every course begun, the last first)")
        String courseId;

        @Override
        int execute() throws Refusal, IOException, InterruptedException {
            Progress progress = lab.progressFile().read();
            if (courseId != null) {
                lab.course(courseId);
            }
            lab.requireMachine(courseId == null ? "reset" : "reset " + courseId);
            Console console = console();
            LocalMachine machine = lab.machine();
            List<String> order = resetOrder(progress, machine);
            if (courseId != null) {
                Loaded named = lab.course(courseId);
                // A course begun after this one and touching the same paths saved them as this one left them:
                // it must be put back first.
                for (String later : order.subList(0, Math.max(0, order.indexOf(courseId)))) {
                    Loaded other = lab.course(later);
                    if (!Collections.disjoint(other.course().touches().paths(), named.course().touches().paths())) {
                        throw new Refusal(USAGE, "reset " + later + " first: it began after " + courseId
                                + " and touches the same paths (or reset them all: iterdemo lab reset)");
                    }
                }
                order = order.contains(courseId) ? List.of(courseId) : List.of();
            }
            if (order.isEmpty()) {
                console.info("nothing to reset: no course was begun with iterdemo lab start or run");
                return 0;
            }
            int status = 0;
            for (String id : order) {
                Loaded course = lab.course(id);
                BeforeTheCourse before = new BeforeTheCourse(machine, course.course());
                List<String> removes = before.toRemove();
                console.section("reset " + id);
                console.info("removes: " + (removes.isEmpty() ? "nothing left" : String.join(", ", removes)));
                console.info("puts back as before the course: " + String.join(", ", course.course().touches().units())
                        + (course.course().touches().users().isEmpty() ? "" : ", user " + String.join(", ", course.course().touches().users()))
                        + " and the files that existed");
                if (!course.course().setupPackages().isEmpty()) {
                    console.info("keeps the packages the setup installed: " + String.join(", ", course.course().setupPackages())
                            + " (apt remove removes them)");
                }
                for (Phase phase : course.course().cleanup()) {
                    for (Ladder.Command command : phase.run()) {
                        Machine.Outcome outcome = machine.sh(command.run(), Duration.ofSeconds(300));
                        console.command(command.run(), outcome);
                    }
                }
                try {
                    before.restore();
                } catch (LabFailure e) {
                    lab.err.println("iterdemo lab: " + e.getMessage());
                    console.info(e.details());
                    status = FAILED;
                    continue;
                }
                progress = progress.forget(id);
                lab.progressFile().write(progress);
                console.info("course " + id + " reset");
            }
            return status;
        }

        /**
         * The courses to reset, last begun first: those the progress file names, then any other that has a save
         * (a progress file lost or corrupt must not hide a save); a name the course data no longer has is skipped.
         */
        private List<String> resetOrder(Progress progress, LocalMachine machine) throws IOException, InterruptedException {
            List<String> order = new ArrayList<>();
            List<String> begun = new ArrayList<>(progress.begun());
            Collections.reverse(begun);
            for (String id : begun) {
                if (lab.courses().stream().noneMatch(c -> c.course().id().equals(id))) {
                    lab.out.println("skipped: the progress file names a course iterdemo does not have (" + id + ")");
                } else if (new BeforeTheCourse(machine, lab.courses().stream().filter(c -> c.course().id().equals(id))
                        .findFirst().orElseThrow().course()).saved()) {
                    order.add(id);
                }
            }
            List<Loaded> all = new ArrayList<>(lab.courses());
            Collections.reverse(all);
            for (Loaded course : all) {
                if (!order.contains(course.course().id()) && new BeforeTheCourse(machine, course.course()).saved()) {
                    order.add(course.course().id());
                }
            }
            return order;
        }
    }

    @Command(name = "doctor", mixinStandardHelpOptions = true, versionProvider = LabCommand.Version.class,
            description = "What the lab needs and whether this machine has it, with the command for what is missing.")
    static final class DoctorVerb extends Verb {
        @Override
        int execute() {
            Console console = console();
            List<Doctor.Need> needs = Doctor.examine(lab.labDirectory());
            for (Doctor.Need need : needs) {
                lab.out.println(console.mark(need.met()) + " " + need.name() + ": " + need.found());
                if (!need.met()) {
                    lab.out.println("    fix: " + need.remedy());
                }
            }
            if (!needs.get(0).met()) {
                lab.err.println("iterdemo lab: this machine is not booted with systemd: the lab cannot run here");
                return UNAVAILABLE;
            }
            if (!needs.get(1).met()) {
                lab.err.println("iterdemo lab: not root: the lab's verbs that change the machine need root");
                return NOPERM;
            }
            if (needs.stream().anyMatch(n -> n.name().equals(Doctor.LAB_DIRECTORY) && !n.met())) {
                lab.err.println("iterdemo lab: no lab directory at " + lab.labDirectory());
                return NOINPUT;
            }
            if (needs.stream().anyMatch(n -> !n.met())) {
                lab.err.println("iterdemo lab: something the lab needs is missing (see above)");
                return UNAVAILABLE;
            }
            return 0;
        }
    }

    /** Completion candidates: the course names and every step number. */
    static final class Steps implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            List<String> words = new ArrayList<>();
            for (Loaded course : Ladder.shipped()) {
                words.add(course.course().id());
                course.steps().forEach(s -> {
                    if (!words.contains(s.number())) {
                        words.add(s.number());
                    }
                });
            }
            return words.iterator();
        }
    }

    static final class Courses implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Ladder.shipped().stream().map(c -> c.course().id()).iterator();
        }
    }

    static final class Languages implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("fr", "en").iterator();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"iterdemo lab " + io.iterdemo.cli.Version.current()};
        }
    }
}
