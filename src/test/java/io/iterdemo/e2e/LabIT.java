package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.iterdemo.testing.Daemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code iterdemo lab} as a process, for what needs no systemd: list, show, doctor, the refusals outside a
 * systemd-booted machine and without root, bad input. (Under systemd, the lab is proven by the system tests.)
 */
class LabIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private Daemon lab(Map<String, String> env, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "lab";
        System.arraycopy(args, 0, all, 1, args.length);
        return Daemon.start(dir, env, all);
    }

    private static void assertOneLine(String stderr, String start) {
        assertTrue(stderr.startsWith("iterdemo lab: " + start), stderr);
        assertEquals(1, stderr.lines().count(), "exactly one line: " + stderr);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), "no stack trace: " + stderr);
    }

    private static boolean systemdBooted() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }

    @Test
    void listShowsEveryCourseAndStepNotStartedAndTheLabDirectory() throws Exception {
        Map<String, String> env = Map.of("ITERDEMO_LAB_PROGRESS", dir.resolve("progress").toString());
        try (Daemon lab = lab(env)) {
            assertEquals(0, lab.waitForExit(WAIT), lab.stderr());
            String out = lab.stdout();
            assertTrue(out.contains("ladder: A service's evolution"), out);
            assertTrue(out.contains("p3test: Hardening systemd services"), out);
            assertTrue(out.lines().anyMatch(l -> l.matches("  16 +Full hardening.* not started")), out);
            assertTrue(out.contains("lab directory: " + Daemon.jar().getParent().resolve("lab")), out);
            assertTrue(out.startsWith("systemd: "), out);
        }
    }

    @Test
    void listReadsACorruptProgressFileAsNotStarted() throws Exception {
        Path progress = dir.resolve("progress");
        Files.writeString(progress, "course=ladder\nstep=3\nphase=banana\n\u0000\u0001");
        try (Daemon lab = lab(Map.of("ITERDEMO_LAB_PROGRESS", progress.toString()), "list")) {
            assertEquals(0, lab.waitForExit(WAIT), lab.stderr());
            assertFalse(lab.stdout().contains("current"), lab.stdout());
            assertEquals("", lab.stderr());
        }
    }

    @Test
    void listShowsTheCurrentPhaseAndThePassedSteps() throws Exception {
        Path progress = dir.resolve("progress");
        Files.writeString(progress, "begun=ladder\npassed=ladder\\:0 ladder\\:1\ncourse=ladder\nstep=2\nphase=2\nsince=@1\n");
        try (Daemon lab = lab(Map.of("ITERDEMO_LAB_PROGRESS", progress.toString()), "list")) {
            assertEquals(0, lab.waitForExit(WAIT), lab.stderr());
            String out = lab.stdout();
            assertTrue(out.lines().anyMatch(l -> l.matches("  1 +Identity.* passed")), out);
            assertTrue(out.lines().anyMatch(l -> l.matches("  2 +Resilience.* current: phase 3 of 5 \\(break\\)")), out);
        }
    }

    @Test
    void showPrintsTheStepsLessonInTheLanguageOfLang() throws Exception {
        try (Daemon fr = lab(Map.of("LANG", "fr_FR.UTF-8"), "show", "3");
                Daemon en = lab(Map.of("LANG", "C.UTF-8"), "show", "3")) {
            assertEquals(0, fr.waitForExit(WAIT), fr.stderr());
            assertEquals(0, en.waitForExit(WAIT), en.stderr());
            assertTrue(fr.stdout().contains("## ÉTAPE 3 — Configuration externe"), fr.stdout());
            assertTrue(en.stdout().contains("## STEP 3 — External configuration"), en.stdout());
            assertTrue(en.stdout().contains("install -m 0644 step-3/iterdemo.service /etc/systemd/system/iterdemo.service"),
                    "the commands to type, relative to the lab directory:\n" + en.stdout());
            assertTrue(en.stdout().contains("Check: `iterdemo lab check`"), en.stdout());
        }
    }

    @Test
    void showTakesTheLanguageOptionOverLangAndShowsTheFirstStepWithTheSetup() throws Exception {
        try (Daemon lab = lab(Map.of("LANG", "fr_FR.UTF-8"), "show", "p3test", "1", "--lang", "en")) {
            assertEquals(0, lab.waitForExit(WAIT), lab.stderr());
            assertTrue(lab.stdout().startsWith("# Hardening systemd services"), lab.stdout());
            assertTrue(lab.stdout().contains("## Setup"), lab.stdout());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "p3test 9", "nosuchcourse 1"})
    void anUnknownStepOrCourseListsTheValidOnes(String words) throws Exception {
        try (Daemon lab = lab(Map.of(), ("show " + words).split(" "))) {
            assertEquals(64, lab.waitForExit(WAIT));
            String stderr = lab.stderr();
            assertOneLine(stderr, "no ");
            assertTrue(stderr.contains("are 0, 1, 2") || stderr.contains("are 1, 2, 3, 4, 5")
                    || stderr.contains("the courses are ladder, p3test"), stderr);
        }
    }

    @Test
    void tooManyArgumentsAreNamedNotIgnored() throws Exception {
        try (Daemon lab = lab(Map.of(), "show", "1", "2", "3")) {
            assertEquals(64, lab.waitForExit(WAIT));
            assertOneLine(lab.stderr(), "too many arguments: 3 (a step is named by [COURSE] STEP");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"list 3|too many arguments for list: 3", "doctor now|too many arguments for doctor: now",
        "show 3 extra|too many arguments: extra (a step is named by [COURSE] STEP, e.g. 3 or p3test 3)"})
    void extraArgumentsAreNamedAsTooMany(String words, String message) throws Exception {
        try (Daemon lab = lab(Map.of(), words.split(" "))) {
            assertEquals(64, lab.waitForExit(WAIT));
            assertOneLine(lab.stderr(), message);
        }
    }

    /** A course without a step: the answer names its steps and the same verb with the first one. */
    @ParameterizedTest
    @ValueSource(strings = {"show", "start", "run"})
    void aCourseWithoutAStepNamesItsStepsForTheSameVerb(String verb) throws Exception {
        try (Daemon lab = lab(Map.of(), verb, "p3test")) {
            assertEquals(64, lab.waitForExit(WAIT));
            assertOneLine(lab.stderr(), "which step of p3test? its steps are 1, 2, 3, 4, 5 (iterdemo lab " + verb
                    + " p3test 1)");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "show", "start", "check", "next", "run", "reset", "doctor"})
    void everyVerbAnswersVersion(String verb) throws Exception {
        try (Daemon lab = lab(Map.of(), verb, "-V")) {
            assertEquals(0, lab.waitForExit(WAIT), lab.stderr());
            assertTrue(lab.stdout().startsWith("iterdemo lab "), "-V prints the version: " + lab.stdout());
        }
    }

    @Test
    void listSaysWhenTheLabDirectoryIsMissingAndWhatMakesIt() throws Exception {
        Path missing = dir.resolve("no-lab");
        try (Daemon lab = lab(Map.of("ITERDEMO_LAB_DIR", missing.toString(),
                "ITERDEMO_LAB_PROGRESS", dir.resolve("progress").toString()))) {
            assertEquals(0, lab.waitForExit(WAIT), lab.stderr());
            assertTrue(lab.stdout().contains("lab directory: " + missing + "  (missing: install the iterdemo package, "
                    + "or mvn -B package in a checkout; ITERDEMO_LAB_DIR names another)"), lab.stdout());
        }
    }

    @Test
    void aNegativeWaitIsRefused() throws Exception {
        try (Daemon lab = lab(Map.of("ITERDEMO_LAB_PROGRESS", progressAtStep2()), "check", "--wait", "-5")) {
            assertEquals(64, lab.waitForExit(WAIT));
            assertOneLine(lab.stderr(), "--wait -5: a number of seconds from 0 to 3600");
        }
    }

    @Test
    void aBareStepNumberIsTheLaddersWhateverCourseIsUnderWay() throws Exception {
        Path progress = dir.resolve("progress");
        Files.writeString(progress, "begun=p3test\npassed=\ncourse=p3test\nstep=1\nphase=0\nsince=@1\n");
        try (Daemon lab = lab(Map.of("ITERDEMO_LAB_PROGRESS", progress.toString(), "LANG", "C.UTF-8"), "show", "16")) {
            assertEquals(0, lab.waitForExit(WAIT), lab.stderr());
            assertTrue(lab.stdout().contains("## STEP 16 — Full hardening"), lab.stdout());
        }
    }

    @Test
    void anUnknownVerbListsTheVerbs() throws Exception {
        try (Daemon lab = lab(Map.of(), "strat", "1")) {
            assertEquals(64, lab.waitForExit(WAIT));
            assertOneLine(lab.stderr(), "unknown verb \"strat\"; the verbs are list, show, start, check, next, run, reset, doctor");
        }
    }

    /** {@code withProgress}: whether a step is under way; the refusal comes first either way. */
    @ParameterizedTest
    @CsvSource({"start 1, true", "check, true", "next, true", "run 3, true", "reset, true", "check, false",
        "next, false", "check 2, false"})
    void verbsThatChangeTheMachineRefuseOutsideASystemdBootedMachine(String verb, boolean withProgress) throws Exception {
        assumeFalse(systemdBooted(), "this machine is systemd-booted: the system tests cover the lab here");
        assumeTrue(isRoot(), "the refusal for a lack of root comes first");
        String progress = withProgress ? progressAtStep2() : dir.resolve("no-progress").toString();
        try (Daemon lab = lab(Map.of("ITERDEMO_LAB_PROGRESS", progress), verb.split(" "))) {
            assertEquals(69, lab.waitForExit(WAIT), lab.stderr());
            assertOneLine(lab.stderr(), verb.split(" ")[0] + " needs a machine booted with systemd, and this one is not");
        }
    }

    /** The refusal gives the command to type again as root, whole; whether a step is under way comes after. */
    @ParameterizedTest
    @CsvSource({"start 1, true", "check, true", "next, true", "run 3, true", "reset, true", "check, false",
        "next, false", "start p3test 2, false", "run p3test 4, false", "reset p3test, false", "check 2, true"})
    void verbsThatChangeTheMachineRefuseWithoutRootNamingTheWholeCommand(String verb, boolean withProgress)
            throws Exception {
        assumeTrue(isRoot() && Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs root to become nobody");
        Path progress = withProgress ? Path.of(progressAtStep2()) : dir.resolve("no-progress");
        if (withProgress) {
            progress.toFile().setReadable(true, false);
        }
        dir.toFile().setExecutable(true, false);
        dir.toFile().setWritable(true, false);
        Map<String, String> env = Map.of("ITERDEMO_LAB_PROGRESS", progress.toString());
        List<String> asNobody = List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");
        try (Daemon lab = Daemon.start(dir, env, asNobody, ("lab " + verb).split(" "))) {
            assertEquals(77, lab.waitForExit(WAIT), lab.stderr());
            assertOneLine(lab.stderr(), verb.split(" ")[0] + " changes the machine (units, users, files): run it as root"
                    + " (sudo iterdemo lab " + verb + ")");
        }
    }

    @Test
    void doctorNamesWhatIsMissingWithTheCommandThatProvidesIt() throws Exception {
        assumeFalse(systemdBooted(), "this machine is systemd-booted");
        try (Daemon lab = lab(Map.of(), "doctor")) {
            assertEquals(69, lab.waitForExit(WAIT), lab.stderr());
            String out = lab.stdout();
            assertTrue(out.lines().anyMatch(l -> l.startsWith("FAILED systemd as PID 1: ")), out);
            assertTrue(out.contains("    fix: boot a machine or VM with systemd"), out);
            assertTrue(out.lines().anyMatch(l -> l.matches("(passed|FAILED) Java runtime: .*")), out);
            assertTrue(out.lines().anyMatch(l -> l.matches("(passed|FAILED) journal: (persistent|volatile).* MiB free")), out);
            assertTrue(out.lines().anyMatch(l -> l.matches("(passed|FAILED) curl: .*")), out);
            assertOneLine(lab.stderr(), "this machine is not booted with systemd");
        }
    }

    @Test
    void theTickLoggerLoadsNoneOfTheLabsClasses() throws Exception {
        Path log = dir.resolve("iterdemo.log");
        try (Daemon tick = Daemon.startWithJvmOptions(dir, Map.of("LOGFILE", log.toString(), "INTERVAL", "0.2"),
                List.of("-Xlog:class+load=info:file=" + dir.resolve("classes.txt")))) {
            tick.awaitLines(log, lines -> lines.size() >= 3, WAIT, "two ticks");
            tick.signal("TERM");
            assertEquals(0, tick.waitForExit(WAIT));
        }
        String loaded = Files.readString(dir.resolve("classes.txt"));
        assertTrue(loaded.contains("io.iterdemo.tick.TickDaemon"), "the log lists the tick logger's classes");
        for (String foreign : List.of("io.iterdemo.lab.", "picocli.", "com.fasterxml.jackson.", "org.eclipse.jetty.")) {
            assertFalse(loaded.contains(foreign), "the tick logger loads no " + foreign + " class");
        }
    }

    private String progressAtStep2() throws Exception {
        Path progress = dir.resolve("progress");
        Files.writeString(progress, "begun=ladder\npassed=\ncourse=ladder\nstep=2\nphase=0\nsince=@1\n");
        return progress.toString();
    }

    private static boolean isRoot() throws Exception {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
    }
}
