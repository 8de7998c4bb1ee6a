package io.iterdemo.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The student's progress, in one small file ({@value #DEFAULT}, a Java properties file): the courses begun
 * (whose "before" state is saved), the steps passed, and where the student is: course, step, phase and
 * the journal cursor at which that phase began. Written atomically (a temporary file in the same
 * directory, flushed, then renamed over the old one), so a crash leaves the old progress or the new one.
 * A missing, unreadable or corrupt file reads as "not started", never as an error.
 */
public final class ProgressFile {
    /** Where {@code iterdemo lab} keeps the progress and what it saved before each course began. */
    public static final String DIRECTORY = "/var/lib/iterdemo-lab";
    static final String DEFAULT = DIRECTORY + "/progress";

    /** Where the student is: a step of a course, the index of its current phase, when that phase began. */
    public record Position(String course, String step, int phase, JournalCursor since) {
    }

    private final Path file;

    public ProgressFile(Path file) {
        this.file = file;
    }

    /** The progress as it stands; a fresh, empty one when the file is missing or unusable. */
    public Progress read() {
        Properties p = new Properties();
        try (Reader in = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            p.load(in);
            return Progress.from(p);
        } catch (IOException | RuntimeException e) {
            // Missing or corrupt: the student has not started, as far as the lab can tell.
            return new Progress(new ArrayList<>(), new LinkedHashSet<>(), null);
        }
    }

    /**
     * Replaces the file with {@code progress}, atomically. An empty progress (no course begun, no step passed,
     * none under way), as after the last course's reset, removes the file instead, and {@value #DIRECTORY}
     * once nothing else is in it: the lab leaves nothing of itself on the machine.
     */
    public void write(Progress progress) throws IOException {
        if (progress.isEmpty()) {
            Files.deleteIfExists(file);
            if (file.getParent().equals(Path.of(DIRECTORY))) {
                try {
                    Files.deleteIfExists(file.getParent());
                } catch (DirectoryNotEmptyException e) {
                    // Another course's save is still there: the directory stays with it.
                }
            }
            return;
        }
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            progress.toProperties().store(out, "iterdemo lab progress (docs/lab.md); reset forgets the courses it resets");
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The progress itself: courses begun in the order they were, steps passed as {@code course:step}, and
     * the current position (null when no step is under way).
     */
    public record Progress(List<String> begun, Set<String> passed, Position position) {
        /** No course begun, no step passed, none under way: what a machine without the lab holds. */
        public boolean isEmpty() {
            return begun.isEmpty() && passed.isEmpty() && position == null;
        }

        public boolean hasPassed(String course, String step) {
            return passed.contains(course + ":" + step);
        }

        public Progress at(Position next) {
            return new Progress(begun, passed, next);
        }

        public Progress begin(String course) {
            List<String> courses = new ArrayList<>(begun);
            if (!courses.contains(course)) {
                courses.add(course);
            }
            return new Progress(courses, passed, position);
        }

        /** With the step passed; the current position is cleared only when it is that step. */
        public Progress pass(String course, String step) {
            Set<String> steps = new LinkedHashSet<>(passed);
            steps.add(course + ":" + step);
            boolean here = position != null && position.course().equals(course) && position.step().equals(step);
            return new Progress(begun, steps, here ? null : position);
        }

        /** Without {@code course}: not begun, no step passed, no position in it. */
        public Progress forget(String course) {
            List<String> courses = new ArrayList<>(begun);
            courses.remove(course);
            Set<String> steps = new LinkedHashSet<>(passed);
            steps.removeIf(s -> s.startsWith(course + ":"));
            return new Progress(courses, steps, position != null && position.course().equals(course) ? null : position);
        }

        Properties toProperties() {
            Properties p = new Properties();
            p.setProperty("begun", String.join(" ", begun));
            p.setProperty("passed", String.join(" ", passed));
            if (position != null) {
                p.setProperty("course", position.course());
                p.setProperty("step", position.step());
                p.setProperty("phase", Integer.toString(position.phase()));
                p.setProperty("since", position.since().encode());
            }
            return p;
        }

        static Progress from(Properties p) {
            List<String> begun = words(p.getProperty("begun", ""));
            Set<String> passed = new LinkedHashSet<>(words(p.getProperty("passed", "")));
            Position position = null;
            if (p.getProperty("course") != null) {
                int phase = Integer.parseInt(p.getProperty("phase"));
                if (phase < 0) {
                    throw new IllegalArgumentException("phase " + phase);
                }
                position = new Position(p.getProperty("course"), p.getProperty("step").strip(), phase,
                        JournalCursor.decode(p.getProperty("since")));
            }
            return new Progress(begun, passed, position);
        }

        private static List<String> words(String text) {
            List<String> words = new ArrayList<>();
            for (String word : text.strip().split("\\s+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
            return words;
        }
    }
}
