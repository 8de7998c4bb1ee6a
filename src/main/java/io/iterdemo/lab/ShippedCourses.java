package io.iterdemo.lab;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The course data the jar carries: each {@code systemd/ladder/*.yaml} as the same document in JSON
 * ({@code step-3.yaml} becomes {@code step-3.json}), which {@link Ladder#shipped()} reads at every
 * {@code iterdemo lab} verb. Under QEMU's emulation, as on a student's small VM, parsing the YAML with SnakeYAML
 * was most of a verb's time; Jackson's JSON parser reads the same documents about ten times faster (docs/lab.md).
 *
 * <p>The YAML stays the source: the build loads it first, as {@link Ladder#load(Path)} does, so a mistake in the
 * data fails the build with its one-line error; then it copies each file's tokens. A scalar the YAML parser reads
 * as a number is written as its own text, so a key that takes a string gets from the JSON the very text it got
 * from the YAML. What JSON cannot say with the same text is refused, with the file and line: a number JSON
 * cannot spell ({@code 007}, {@code 0x1F}, {@code 1_000}, {@code .5}), a boolean not spelled {@code true} or
 * {@code false}, a binary value. Quoting it in the YAML makes it a string, which is what such a key wants.
 */
public final class ShippedCourses {
    /** JSON's number syntax (RFC 8259, section 6). */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final JsonFactory JSON = new JsonFactory();

    private ShippedCourses() {
    }

    /**
     * {@code ShippedCourses DATA_DIR OUTPUT_DIR}: loads the courses of DATA_DIR, then writes each of its YAML files
     * as JSON into OUTPUT_DIR. Bad data: one line on stderr and exit 65 (DATAERR); an unreadable or unwritable
     * directory: exit 74 (IOERR).
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: ShippedCourses DATA_DIR OUTPUT_DIR");
            System.exit(64);
        }
        try {
            List<Path> written = write(Path.of(args[0]), Path.of(args[1]));
            System.out.println("course data: " + written.size() + " files as JSON in " + args[1]);
        } catch (CourseDataException e) {
            System.err.println("course data: " + e.getMessage());
            System.exit(65);
        } catch (IOException e) {
            System.err.println("course data: " + e);
            System.exit(74);
        }
    }

    /** Validates the courses of {@code dataDir}, then writes each YAML file there as JSON in {@code outputDir}. */
    static List<Path> write(Path dataDir, Path outputDir) throws IOException {
        Ladder.fromDirectory(dataDir);
        Files.createDirectories(outputDir);
        List<Path> written = new ArrayList<>();
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path yaml : files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                Path json = outputDir.resolve(jsonName(yaml.getFileName().toString()));
                Files.write(json, toJson(yaml.toString(), Files.readAllBytes(yaml)));
                written.add(json);
            }
        }
        return written;
    }

    /** The name the jar gives a data file: {@code step-3.yaml} is {@code step-3.json}. */
    static String jsonName(String yamlName) {
        return (yamlName.endsWith(".yaml") ? yamlName.substring(0, yamlName.length() - ".yaml".length()) : yamlName)
                + ".json";
    }

    /**
     * The YAML document {@code yaml} as JSON, token by token; a {@link CourseDataException} naming {@code name}
     * and the line for a scalar JSON cannot write with the same text.
     */
    static byte[] toJson(String name, byte[] yaml) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(yaml.length);
        try (JsonParser parser = new YAMLFactory().createParser(yaml);
                JsonGenerator generator = JSON.createGenerator(out)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                switch (token) {
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        String text = parser.getText();
                        if (!JSON_NUMBER.matcher(text).matches()) {
                            throw refused(name, parser, "the number " + text + " has no JSON spelling");
                        }
                        generator.writeNumber(text);
                    }
                    case VALUE_TRUE, VALUE_FALSE -> {
                        String text = parser.getText();
                        if (!text.equals(token == JsonToken.VALUE_TRUE ? "true" : "false")) {
                            throw refused(name, parser, "the boolean " + text + " is spelled true or false in JSON");
                        }
                        generator.copyCurrentEvent(parser);
                    }
                    case VALUE_EMBEDDED_OBJECT -> throw refused(name, parser, "a binary value has no place in course data");
                    default -> generator.copyCurrentEvent(parser);
                }
            }
        }
        return out.toByteArray();
    }

    private static CourseDataException refused(String name, JsonParser parser, String why) {
        return new CourseDataException(name + ":" + parser.currentTokenLocation().getLineNr() + ": " + why
                + ": quote it to keep it as written");
    }
}
