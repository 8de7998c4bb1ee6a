package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON the jar carries says what the YAML of systemd/ladder says, and the build refuses what it could not. */
class ShippedCoursesTest {
    @TempDir
    Path dir;

    @Test
    void theCoursesInTheJarAreTheCoursesOfTheYamlValueForValue() {
        // Records all the way down: equal is every key, list and text equal.
        assertEquals(Ladder.load(Ladder.projectDir()), Ladder.shipped());
    }

    @Test
    void aScalarReadAsANumberKeepsItsTextForAKeyThatTakesAString() throws Exception {
        String json = json("a: 1.10\nb: 253\nc: -2.5e3\nd: true\ne: ~\nf: \"007\"\n");
        assertEquals("{\"a\":1.10,\"b\":253,\"c\":-2.5e3,\"d\":true,\"e\":null,\"f\":\"007\"}", json);
    }

    @Test
    void aNumberJsonCannotSpellIsRefusedWithItsFileAndLine() {
        assertEquals("step-3.yaml:2: the number 007 has no JSON spelling: quote it to keep it as written",
                refusal("a: 1\nb: 007\n"));
        assertEquals("step-3.yaml:1: the number 0x1F has no JSON spelling: quote it to keep it as written",
                refusal("a: 0x1F\n"));
    }

    @Test
    void aBooleanNotSpelledTrueOrFalseIsRefusedWithItsFileAndLine() {
        assertEquals("step-3.yaml:1: the boolean True is spelled true or false in JSON: quote it to keep it as written",
                refusal("a: True\n"));
    }

    @Test
    void theBuildRefusesBadCourseDataWithItsOneLineErrorAndWritesNothing() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path out = dir.resolve("out");
        Files.writeString(data.resolve("ladder.yaml"), "id: ladder\nunitName: iterdemo.service\nstepz: []\n");
        CourseDataException e = assertThrows(CourseDataException.class, () -> ShippedCourses.write(data, out));
        assertEquals(data.resolve("ladder.yaml") + ":3: key stepz: Unrecognized field \"stepz\", not marked as ignorable", e.getMessage());
        assertFalse(Files.exists(out));
    }

    @Test
    void eachYamlFileBecomesAJsonFileOfTheSameName() throws Exception {
        List<Path> written = ShippedCourses.write(Ladder.projectDir().resolve("systemd/ladder"), dir);
        assertEquals(dir.resolve("step-3.json"), written.stream().filter(p -> p.endsWith("step-3.json")).findFirst().orElseThrow());
        assertEquals("p3test-socket.json", ShippedCourses.jsonName("p3test-socket.yaml"));
    }

    private static String json(String yaml) throws Exception {
        return new String(ShippedCourses.toJson("step-3.yaml", yaml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static String refusal(String yaml) {
        return assertThrows(CourseDataException.class, () -> json(yaml)).getMessage();
    }
}
