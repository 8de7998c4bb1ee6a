package io.iterdemo.lab;

import io.iterdemo.lab.Ladder.Course;
import io.iterdemo.lab.Ladder.Phase;
import io.iterdemo.lab.Ladder.Step;
import io.iterdemo.lab.Ladder.Text;
import java.util.List;
import java.util.Set;

/**
 * What the parser cannot see in course data: required keys, both languages, known phase kinds, unique
 * step numbers, absolute paths in {@code touches}. Each failure is a {@link CourseDataException} naming the
 * file and the key.
 */
final class CourseValidator {
    /** The kinds of phase a lesson knows how to show and {@code iterdemo lab} how to walk through. */
    static final Set<String> KINDS = Set.of("works", "break", "fix", "explore");

    private CourseValidator() {
    }

    static void course(Course course, String file) {
        require(course.id(), file, "id");
        require(course.unitName(), file, "unitName");
        text(course.title(), file, "title");
        text(course.intro(), file, "intro");
        require(course.steps(), file, "steps");
        for (int i = 0; i < course.setup().size(); i++) {
            phase(course.setup().get(i), file, "setup[" + i + "]", false);
        }
        for (int i = 0; i < course.cleanup().size(); i++) {
            phase(course.cleanup().get(i), file, "cleanup[" + i + "]", false);
        }
        List<String> paths = course.touches().paths();
        for (int i = 0; i < paths.size(); i++) {
            String path = paths.get(i);
            if (!path.startsWith("/") || path.contains("..") || path.equals("/")) {
                throw new CourseDataException(file + ": key touches.paths[" + i + "]: \"" + path
                        + "\" is not an absolute path below /");
            }
        }
    }

    static void step(Step step, List<Step> earlier, String file) {
        require(step.id(), file, "id");
        require(step.number(), file, "number");
        if (earlier.stream().anyMatch(s -> s.number().equals(step.number()))) {
            throw new CourseDataException(file + ": key number: step " + step.number() + " is already defined");
        }
        text(step.title(), file, "title");
        text(step.why(), file, "why");
        require(step.unit(), file, "unit");
        int oldest = Quoted.Release.values()[0].systemd();
        int newest = Quoted.Release.values()[Quoted.Release.values().length - 1].systemd();
        if (step.since() != null && (step.since() <= oldest || step.since() > newest)) {
            // At or below the oldest release every machine runs the step; above the newest none the lessons are
            // proven on does.
            throw new CourseDataException(file + ": key since: " + step.since() + " is not between " + (oldest + 1)
                    + " and " + newest + " (the systemd of the releases the lessons cover: " + oldest + ", " + newest + ")");
        }
        require(step.phases(), file, "phases");
        for (int i = 0; i < step.phases().size(); i++) {
            phase(step.phases().get(i), file, "phases[" + i + "]", true);
        }
    }

    private static void phase(Phase phase, String file, String key, boolean needsKind) {
        if (needsKind && (phase.kind() == null || !KINDS.contains(phase.kind()))) {
            throw new CourseDataException(file + ": key " + key + ".kind: \"" + phase.kind()
                    + "\" is not one of works, break, fix, explore");
        }
        if (phase.title() != null) {
            text(phase.title(), file, key + ".title");
        }
        if (phase.text() != null) {
            text(phase.text(), file, key + ".text");
        }
        for (int i = 0; i < phase.run().size(); i++) {
            require(phase.run().get(i).run(), file, key + ".run[" + i + "]");
        }
    }

    private static void text(Text text, String file, String key) {
        require(text, file, key);
        require(text.fr(), file, key + ".fr");
        require(text.en(), file, key + ".en");
    }

    private static void require(Object value, String file, String key) {
        if (value == null || (value instanceof String s && s.isBlank()) || (value instanceof List<?> l && l.isEmpty())) {
            throw new CourseDataException(file + ": key " + key + ": missing");
        }
    }
}
