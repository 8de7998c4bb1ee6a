package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iterdemo.lab.ProgressFile.Position;
import io.iterdemo.lab.ProgressFile.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProgressFileTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileMeansNotStarted() {
        Progress progress = new ProgressFile(dir.resolve("nothing/here")).read();
        assertTrue(progress.begun().isEmpty());
        assertTrue(progress.passed().isEmpty());
        assertNull(progress.position());
    }

    @ParameterizedTest
    @ValueSource(strings = {"course=ladder\nstep=3\nphase=x\nsince=@1\n", "course=ladder\nphase=1\n",
        "course=ladder\nstep=3\nphase=-2\nsince=@1\n", "course=ladder\nstep=3\nphase=1\nsince=@soon\n", "\u0000\u00ff\\u12"})
    void aCorruptFileMeansNotStartedNeverACrash(String content) throws Exception {
        Path file = dir.resolve("progress");
        Files.writeString(file, content);
        assertNull(new ProgressFile(file).read().position());
    }

    @Test
    void whatIsWrittenIsReadBackWithTheJournalCursorOfThePhase() throws Exception {
        ProgressFile file = new ProgressFile(dir.resolve("lab/progress"));
        JournalCursor cursor = new JournalCursor("s=abc;i=12;b=de=f;m=1;t=2;x=3", 0);
        Progress progress = file.read().begin("ladder").pass("ladder", "0").at(new Position("ladder", "1", 2, cursor));
        file.write(progress);
        Progress read = file.read();
        assertEquals(List.of("ladder"), read.begun());
        assertTrue(read.hasPassed("ladder", "0"));
        assertEquals(new Position("ladder", "1", 2, cursor), read.position());
        assertFalse(Files.exists(dir.resolve("lab/progress.new")), "no temporary file left behind");
    }

    @Test
    void forgettingTheLastCourseLeavesNoFile() throws Exception {
        ProgressFile file = new ProgressFile(dir.resolve("lab/progress"));
        file.write(file.read().begin("ladder").pass("ladder", "0"));
        assertTrue(Files.exists(dir.resolve("lab/progress")));
        file.write(file.read().forget("ladder"));
        assertFalse(Files.exists(dir.resolve("lab/progress")));
        assertTrue(file.read().isEmpty());
    }

    @Test
    void aCursorThatIsATimeRoundTrips() throws Exception {
        ProgressFile file = new ProgressFile(dir.resolve("progress"));
        file.write(file.read().at(new Position("p3test", "3", 0, new JournalCursor(null, 1764480000123456L))));
        assertEquals(new JournalCursor(null, 1764480000123456L), file.read().position().since());
    }

    @Test
    void forgettingACourseDropsItsStepsAndPositionOnly() {
        Progress progress = new Progress(List.of(), java.util.Set.of(), null).begin("ladder").begin("p3test")
                .pass("ladder", "1").pass("p3test", "2").at(new Position("p3test", "3", 0, new JournalCursor(null, 1)));
        Progress forgotten = progress.forget("p3test");
        assertEquals(List.of("ladder"), forgotten.begun());
        assertTrue(forgotten.hasPassed("ladder", "1"));
        assertFalse(forgotten.hasPassed("p3test", "2"));
        assertNull(forgotten.position());
    }
}
