package io.iterdemo.lab;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ladder as data: courses (the tick-logger ladder, p3test), their steps, and for each step the
 * unit file, the works / break / fix phases with their exact commands and the observations a run under
 * systemd must produce. {@link LessonWriter} renders it, {@link Runner} plays it on a machine ({@code iterdemo lab}).
 *
 * <p>The YAML lives in {@code systemd/ladder/}: one file per course, naming its step files. The jar carries
 * the same documents as JSON ({@link ShippedCourses}, at build time): {@code iterdemo lab} parses them at every
 * verb, and Jackson's JSON parser reads them in a tenth of the time SnakeYAML takes (docs/lab.md).
 */
public final class Ladder {
    /** Where the data and the generated files live, relative to the project directory. */
    public static final Path DIR = Path.of("systemd");
    private static final Path DATA = DIR.resolve("ladder");

    private Ladder() {
    }

    /** The two languages every text exists in; the seed's own language first. */
    public enum Lang {
        FR, EN;

        public String code() {
            return name().toLowerCase();
        }
    }

    /** A sentence or paragraph in both languages. */
    public record Text(String fr, String en) {
        public String in(Lang lang) {
            String text = lang == Lang.FR ? fr : en;
            if (text == null) {
                throw new IllegalStateException("missing " + lang.code() + " text next to: " + (fr != null ? fr : en));
            }
            return text.strip();
        }
    }

    /**
     * One shell command line, as the lesson prints it and as {@code iterdemo lab} runs it (with /bin/sh, as
     * root, in the lab directory). {@code exit} is the status it must return (default 0). Every command
     * runs, the setup's {@code apt install} included: the test VM installs from a local Debian repository.
     */
    public record Command(String run, Integer exit) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Command of(String run) {
            return new Command(run, null);
        }

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        public Command(@JsonProperty("run") String run, @JsonProperty("exit") Integer exit) {
            this.run = run;
            this.exit = exit;
        }

        public int expectedExit() {
            return exit == null ? 0 : exit;
        }
    }

    /** A file the phase must leave behind, or must not. */
    public record FileCheck(String path, List<String> contains, Boolean absent) {
        public List<String> contains() {
            return contains == null ? List.of() : contains;
        }

        public boolean mustBeAbsent() {
            return absent != null && absent;
        }
    }

    /**
     * What must hold once a phase's commands ran; the test waits for all of it together, up to
     * {@code within} seconds. {@code show}: exact {@code systemctl show} values, in the order systemctl
     * prints them; {@code atLeast}: numeric properties that must reach a value; {@code journal}: substrings
     * of the unit's journal since the phase began, each as the running systemd writes it ({@link Quoted});
     * {@code files}: file contents.
     */
    public record Expect(LinkedHashMap<String, String> show, LinkedHashMap<String, Long> atLeast,
            List<Quoted> journal, List<FileCheck> files, Integer within) {
        public LinkedHashMap<String, String> show() {
            return show == null ? new LinkedHashMap<>() : show;
        }

        public LinkedHashMap<String, Long> atLeast() {
            return atLeast == null ? new LinkedHashMap<>() : atLeast;
        }

        public List<Quoted> journal() {
            return journal == null ? List.of() : journal;
        }

        public List<FileCheck> files() {
            return files == null ? List.of() : files;
        }
    }

    /**
     * Output quoted in the lesson: each line must match a line of the command's real output, in order;
     * "…" stands for anything (PIDs, dates, durations). A line may differ per systemd release ({@link Quoted}).
     */
    public record Observation(String run, List<Quoted> lines) {
        /** The lines as systemd {@code systemd} (its major version) prints them. */
        public List<String> linesOn(int systemd) {
            return lines.stream().map(line -> line.on(systemd)).toList();
        }

        /** Whether a line differs between the releases the lessons cover. */
        public boolean variesByRelease() {
            return lines.stream().anyMatch(Quoted::variesByRelease);
        }
    }

    /** works, break, fix, or explore (a variation that teaches something on the way). */
    public record Phase(String kind, Text title, Text text, List<Command> run, Expect expect,
            List<Observation> observe, Text note) {
        public List<Command> run() {
            return run == null ? List.of() : run;
        }

        public List<Observation> observe() {
            return observe == null ? List.of() : observe;
        }
    }

    /** A directive in focus: what it does concretely and the command that shows it. */
    public record Directive(String directive, Text effect, String check) {
    }

    /**
     * One directive (or a few lines that go together) added on the way to a hardened unit, with the
     * exposure {@code systemd-analyze security} gives once it is in, what it restricts, and its price:
     * what the service had to change to keep working with it, or null when it cost nothing.
     * Each line replaces the lines of the unit with the same key; {@code drop} names keys to remove.
     */
    public record WalkStep(List<String> lines, List<String> drop, String exposure, Text restricts, Text price) {
        public List<String> lines() {
            return lines == null ? List.of() : lines;
        }

        public List<String> drop() {
            return drop == null ? List.of() : drop;
        }
    }

    /**
     * The way from a starting unit to the step's unit, one directive at a time, each scored. {@code from}
     * is the starting unit file and {@code fromExposure} its score; applying every step's lines in
     * order must give the step's unit (same directives; comments and order aside).
     */
    public record Walk(Text start, String from, String fromExposure, List<WalkStep> steps) {
        public List<WalkStep> steps() {
            return steps == null ? List.of() : steps;
        }
    }

    /**
     * One step: its unit file (shipped as {@code systemd/<id>/<unit>}), the other units it ships next to
     * it ({@code otherUnits}, file name to content, e.g. a {@code .socket}), why it exists, the directives
     * in focus, what a fresh machine needs to start here ({@code given}), its phases, the
     * {@code systemd-analyze security} exposure its unit scores, and optionally the walk that leads to it.
     * {@code since}: the systemd version that brought what the step teaches (253 for {@code Type=notify-reload},
     * from the "Added in version" of systemd.service(5) and systemd.exec(5)), or null for a step every
     * release the lessons cover runs; an older systemd skips the step.
     */
    public record Step(String id, String number, Text title, Text why, Integer since, List<Directive> directives,
            List<Command> given, String unit, LinkedHashMap<String, String> otherUnits, String exposure,
            Walk walk, List<Phase> phases) {
        /** Whether systemd {@code systemd} (its major version) has what this step teaches. */
        public boolean runsOn(int systemd) {
            return since == null || systemd >= since;
        }


        public List<Command> given() {
            return given == null ? List.of() : given;
        }

        public List<Directive> directives() {
            return directives == null ? List.of() : directives;
        }

        public LinkedHashMap<String, String> otherUnits() {
            return otherUnits == null ? new LinkedHashMap<>() : otherUnits;
        }
    }

    /**
     * Everything a course may create or change on the machine: its units, system users and paths (files or
     * directories, absolute). {@code iterdemo lab} saves what of it exists before the course begins,
     * and {@code lab reset} puts the machine back: the course's cleanup, then what is left of these removed
     * and what existed before restored.
     */
    public record Touches(List<String> units, List<String> users, List<String> paths) {
        public List<String> units() {
            return units == null ? List.of() : units;
        }

        public List<String> users() {
            return users == null ? List.of() : users;
        }

        public List<String> paths() {
            return paths == null ? List.of() : paths;
        }
    }

    /** {@code apt install} or {@code apt-get install}, then its options and package names up to a shell operator. */
    private static final Pattern APT_INSTALL = Pattern.compile("\\bapt(?:-get)? install((?:\\s+[-\\w.+:]+)+)");

    /** A course: a title, an introduction, setup, steps, cleanup; rendered as one page per language. */
    public record Course(String id, String unitName, Text title, Text intro, List<Phase> setup,
            List<String> steps, List<Phase> cleanup, Text outro, Touches touches) {
        public Touches touches() {
            return touches == null ? new Touches(null, null, null) : touches;
        }

        /** The step's unit file in the lab directory, as the lesson's commands name it: {@code step-3/iterdemo.service}. */
        public String labFile(Step step) {
            return step.id() + "/" + unitName;
        }

        public List<Phase> setup() {
            return setup == null ? List.of() : setup;
        }

        /**
         * The Debian packages the setup installs ({@code apt install -y default-jre-headless curl} gives both names),
         * in the order given: prerequisites, which {@code lab reset} keeps.
         */
        public List<String> setupPackages() {
            List<String> packages = new ArrayList<>();
            for (Phase phase : setup()) {
                for (Command command : phase.run()) {
                    Matcher apt = APT_INSTALL.matcher(command.run());
                    while (apt.find()) {
                        for (String word : apt.group(1).trim().split("\\s+")) {
                            if (!word.startsWith("-") && !packages.contains(word)) {
                                packages.add(word);
                            }
                        }
                    }
                }
            }
            return packages;
        }

        public List<Phase> cleanup() {
            return cleanup == null ? List.of() : cleanup;
        }

        public String unitFile(Step step) {
            return DIR.resolve(step.id()).resolve(unitName).toString();
        }

        /** Every unit file a step ships, by path relative to the project, to its content. */
        public LinkedHashMap<String, String> unitFiles(Step step) {
            LinkedHashMap<String, String> files = new LinkedHashMap<>();
            files.put(unitFile(step), step.unit());
            step.otherUnits().forEach((name, text) -> files.put(DIR.resolve(step.id()).resolve(name).toString(), text));
            return files;
        }
    }

    /** A loaded course with its steps. */
    public record Loaded(Course course, List<Step> steps) {
        /** The step numbered {@code number}; an {@link IllegalArgumentException} naming the valid ones if none is. */
        public Step step(String number) {
            return steps.stream().filter(s -> s.number().equals(number)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no step " + number + " in course " + course.id()
                            + "; its steps are " + numbers()));
        }

        /** The step numbers, in order, comma-separated: {@code 0, 1, 2}. */
        public String numbers() {
            return String.join(", ", steps.stream().map(Step::number).toList());
        }

        /** The steps before {@code step}, in order. */
        public List<Step> before(Step step) {
            return steps.subList(0, steps.indexOf(step));
        }
    }

    /** The course files, in the order their pages are written and {@code iterdemo lab} lists them. */
    private static final List<String> COURSES = List.of("ladder.yaml", "p3test.yaml");
    /** Where the build puts {@code systemd/ladder/*.yaml}, as JSON, inside the jar ({@link ShippedCourses}). */
    private static final String RESOURCES = "/io/iterdemo/lab/courses/";
    private static final ObjectMapper JSON = strict(new ObjectMapper(new JsonFactory()));

    /** Unknown keys are mistakes in the data, not extensions. */
    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The YAML reader, made on first use only: {@code iterdemo lab} reads the shipped JSON and never loads
     * SnakeYAML's classes.
     */
    private static final class Yaml {
        static final ObjectMapper MAPPER = strict(new ObjectMapper(new YAMLFactory()));
    }

    /** The courses as shipped inside the jar: what {@code iterdemo lab} uses. */
    public static List<Loaded> shipped() {
        return load(name -> {
            String json = ShippedCourses.jsonName(name);
            try (InputStream in = Ladder.class.getResourceAsStream(RESOURCES + json)) {
                return in == null ? null : new Source(json + " (inside iterdemo.jar)", in.readAllBytes(), JSON);
            }
        });
    }

    /** The courses of a project checkout, from {@code systemd/ladder/}: what the lesson generator uses. */
    public static List<Loaded> load(Path projectDir) {
        return fromDirectory(projectDir.resolve(DATA));
    }

    /** The courses whose YAML files are in {@code dir}. */
    public static List<Loaded> fromDirectory(Path dir) {
        return load(name -> {
            Path file = dir.resolve(name);
            return Files.exists(file) ? new Source(file.toString(), Files.readAllBytes(file), Yaml.MAPPER) : null;
        });
    }

    public static Loaded course(Path projectDir, String id) {
        return load(projectDir).stream().filter(c -> c.course().id().equals(id)).findFirst().orElseThrow();
    }

    /** A data file's name as errors show it, its bytes, and the mapper of its format. */
    private record Source(String name, byte[] bytes, ObjectMapper mapper) {
    }

    /** Finds a data file by its name relative to the data directory; null when there is none. */
    private interface Sources {
        Source find(String name) throws IOException;
    }

    private static List<Loaded> load(Sources sources) {
        List<Loaded> all = new ArrayList<>();
        for (String name : COURSES) {
            Source source = read(sources, name, null);
            if (source == null) {
                continue;
            }
            Course course = parse(source, Course.class);
            CourseValidator.course(course, source.name());
            List<Step> steps = new ArrayList<>();
            for (String file : course.steps()) {
                Source stepSource = read(sources, file, source);
                Step step = parse(stepSource, Step.class);
                CourseValidator.step(step, steps, stepSource.name());
                steps.add(step);
            }
            all.add(new Loaded(course, steps));
        }
        return all;
    }

    private static Source read(Sources sources, String name, Source namedBy) {
        try {
            Source source = sources.find(name);
            if (source == null && namedBy != null) {
                throw new CourseDataException(namedBy.name() + ": key steps: names " + name + ", which does not exist");
            }
            return source;
        } catch (IOException e) {
            throw new CourseDataException("cannot read the course data " + name + ": " + e.getMessage());
        }
    }

    /** Parses one file; a mistake is reported with the file, the line and the key, as in {@code file:12: key a.b[2]: ...}. */
    private static <T> T parse(Source source, Class<T> type) {
        try {
            return source.mapper().readValue(source.bytes(), type);
        } catch (JsonProcessingException e) {
            throw CourseDataException.of(source.name(), new String(source.bytes(), java.nio.charset.StandardCharsets.UTF_8), e);
        } catch (IOException e) {
            throw new CourseDataException("cannot read the course data " + source.name() + ": " + e.getMessage());
        }
    }

    /** The project directory: Maven runs tests there; the system tests also get it as a property. */
    public static Path projectDir() {
        return Path.of(System.getProperty("iterdemo.basedir", System.getProperty("user.dir")));
    }
}
