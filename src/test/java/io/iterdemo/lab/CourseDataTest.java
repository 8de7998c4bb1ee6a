package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed course data is refused with a message that names the file, the line and the key. */
class CourseDataTest {
    @TempDir
    Path dir;

    private static final String COURSE = """
            id: ladder
            unitName: iterdemo.service
            title: {fr: "Titre", en: "Title"}
            intro: {fr: "Intro", en: "Intro"}
            steps: [step-0.yaml]
            """;

    private static final String STEP = """
            id: step-0
            number: "0"
            title: {fr: "Zéro", en: "Zero"}
            why: {fr: "Parce que", en: "Because"}
            unit: |
              [Service]
              ExecStart=/usr/bin/java -jar /opt/iterdemo/iterdemo.jar
            phases:
              - kind: works
                run: ["systemctl start iterdemo.service"]
                expect:
                  show: {ActiveState: active}
            """;

    private String refusal(String course, String step) throws Exception {
        Files.writeString(dir.resolve("ladder.yaml"), course);
        if (step != null) {
            Files.writeString(dir.resolve("step-0.yaml"), step);
        }
        return assertThrows(CourseDataException.class, () -> Ladder.fromDirectory(dir)).getMessage();
    }

    @Test
    void theShippedCoursesLoadFromTheJarsResources() {
        List<Ladder.Loaded> courses = Ladder.shipped();
        assertEquals(List.of("ladder", "p3test"), courses.stream().map(c -> c.course().id()).toList());
        assertEquals(20, courses.get(0).steps().size());
    }

    @Test
    void aWellFormedCourseLoads() throws Exception {
        Files.writeString(dir.resolve("ladder.yaml"), COURSE);
        Files.writeString(dir.resolve("step-0.yaml"), STEP);
        assertEquals("0", Ladder.fromDirectory(dir).get(0).steps().get(0).number());
    }

    @Test
    void anUnknownKeyNamesTheFileTheLineAndTheKey() throws Exception {
        String message = refusal(COURSE, STEP.replace("    expect:\n", "    expcet:\n"));
        assertTrue(message.startsWith(dir.resolve("step-0.yaml") + ":11: key phases[0].expcet: "), message);
        assertTrue(message.contains("Unrecognized field \"expcet\""), message);
    }

    @Test
    void aValueOfTheWrongShapeNamesTheFileTheLineAndTheKey() throws Exception {
        String message = refusal(COURSE, STEP.replace("show: {ActiveState: active}", "show: [ActiveState]"));
        assertTrue(message.startsWith(dir.resolve("step-0.yaml") + ":12: key phases[0].expect.show"), message);
    }

    @Test
    void brokenYamlNamesTheFileAndTheLine() throws Exception {
        String message = refusal(COURSE.replace("title: {fr: \"Titre\", en: \"Title\"}", "title: {fr: \"Titre\", en: "), STEP);
        assertTrue(message.startsWith(dir.resolve("ladder.yaml") + ":4"), message);
    }

    @Test
    void anUnknownPhaseKindIsNamedWithItsKey() throws Exception {
        String message = refusal(COURSE, STEP.replace("kind: works", "kind: brake"));
        assertEquals(dir.resolve("step-0.yaml") + ": key phases[0].kind: \"brake\" is not one of works, break, fix, explore",
                message);
    }

    @Test
    void aMissingTranslationIsNamedWithItsKey() throws Exception {
        String message = refusal(COURSE, STEP.replace("why: {fr: \"Parce que\", en: \"Because\"}", "why: {fr: \"Parce que\"}"));
        assertEquals(dir.resolve("step-0.yaml") + ": key why.en: missing", message);
    }

    @Test
    void aStepFileThatDoesNotExistIsNamedByTheCourseFile() throws Exception {
        String message = refusal(COURSE, null);
        assertEquals(dir.resolve("ladder.yaml") + ": key steps: names step-0.yaml, which does not exist", message);
    }

    @Test
    void aTouchedPathMustBeAbsolute() throws Exception {
        String message = refusal(COURSE + "touches: {paths: [/opt/iterdemo, var/tmp]}\n", STEP);
        assertEquals(dir.resolve("ladder.yaml") + ": key touches.paths[1]: \"var/tmp\" is not an absolute path below /",
                message);
    }

    @Test
    void aQuoteForASystemdTheLessonsDoNotCoverIsNamedWithItsKey() throws Exception {
        String message = refusal(COURSE, STEP + "      journal: [{252: \"Failed to locate\", 256: \"Unable to locate\"}]\n");
        assertTrue(message.startsWith(dir.resolve("step-0.yaml") + ":13: key phases[0].expect.journal[0]: "), message);
        assertTrue(message.endsWith("systemd 256 is not a release the lessons cover (Debian 12 (systemd 252), "
                + "Debian 13 (systemd 257))"), message);
    }

    @Test
    void aQuoteThatDiffersPerReleaseIsShownOncePerReleaseInTheLesson() throws Exception {
        Files.writeString(dir.resolve("ladder.yaml"), COURSE);
        Files.writeString(dir.resolve("step-0.yaml"), STEP + """
                    observe:
                      - run: "systemctl status iterdemo.service"
                        lines: ["Active: failed …", {252: "Memory: 1.0M (max: 8.0M)", 257: "Memory: 1M (max: 8M)"}]
                """);
        String page = LessonWriter.page(Ladder.fromDirectory(dir).get(0), Ladder.Lang.EN);
        assertTrue(page.contains("""
                Debian 12 (systemd 252):

                ```console
                $ systemctl status iterdemo.service
                Active: failed …
                Memory: 1.0M (max: 8.0M)
                ```

                Debian 13 (systemd 257):

                ```console
                $ systemctl status iterdemo.service
                Active: failed …
                Memory: 1M (max: 8M)
                ```
                """), page);
    }

    @Test
    void aStepForASystemdNewerThanEveryCoveredReleaseIsRefusedWithItsKey() throws Exception {
        String message = refusal(COURSE, STEP.replace("unit: |", "since: 258\nunit: |"));
        assertEquals(dir.resolve("step-0.yaml") + ": key since: 258 is not between 253 and 257 (the systemd of the "
                + "releases the lessons cover: 252, 257)", message);
    }

    @Test
    void aStepEveryCoveredReleaseRunsNeedsNoSince() throws Exception {
        String message = refusal(COURSE, STEP.replace("unit: |", "since: 252\nunit: |"));
        assertTrue(message.endsWith("key since: 252 is not between 253 and 257 (the systemd of the releases the "
                + "lessons cover: 252, 257)"), message);
    }

    @Test
    void aStepForANewerSystemdIsMarkedInItsHeadingAndHasNoScoreOnTheOlderRelease() throws Exception {
        Files.writeString(dir.resolve("ladder.yaml"), COURSE);
        Files.writeString(dir.resolve("step-0.yaml"), STEP.replace("unit: |", "since: 254\nexposure: \"9.6 UNSAFE\"\nunit: |"));
        Ladder.Loaded loaded = Ladder.fromDirectory(dir).get(0);
        String en = LessonWriter.page(loaded, Ladder.Lang.EN);
        assertTrue(en.contains("## STEP 0 — Zero (systemd >= 254)\n"), en);
        assertTrue(en.contains("> This step needs systemd 254 or newer: it runs on Debian 13 (systemd 257). On Debian 12 "
                + "(systemd 252), `iterdemo lab` skips it and says why.\n"), en);
        assertTrue(en.contains("| 0 — Zero | `step-0/iterdemo.service` | — | 9.6 UNSAFE |"), en);
        String fr = LessonWriter.page(loaded, Ladder.Lang.FR);
        assertTrue(fr.contains("> Cette étape demande systemd 254 ou plus récent : elle se joue sur Debian 13 (systemd 257). "
                + "Sur Debian 12 (systemd 252), `iterdemo lab` la saute en disant pourquoi.\n"), fr);
        assertTrue(loaded.steps().get(0).runsOn(257) && !loaded.steps().get(0).runsOn(252)
                && !loaded.steps().get(0).runsOn(253) && loaded.steps().get(0).runsOn(254));
    }

    @Test
    void aStepForSystemd256NamesUbuntu2404AmongTheReleasesThatSkipIt() throws Exception {
        Files.writeString(dir.resolve("ladder.yaml"), COURSE);
        Files.writeString(dir.resolve("step-0.yaml"), STEP.replace("unit: |", "since: 257\nunit: |"));
        String en = LessonWriter.page(Ladder.fromDirectory(dir).get(0), Ladder.Lang.EN);
        assertTrue(en.contains("On Debian 12 (systemd 252) and Ubuntu 24.04 (systemd 255), `iterdemo lab` skips it"), en);
    }
}
