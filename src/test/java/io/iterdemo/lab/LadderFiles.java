package io.iterdemo.lab;

import io.iterdemo.lab.Ladder.Lang;
import io.iterdemo.lab.Ladder.Loaded;
import io.iterdemo.lab.Ladder.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every file generated from the ladder data, by path relative to the project directory: the unit
 * file of each step ({@code systemd/<step>/<unit>}) and each course's page in both languages
 * ({@code systemd/<course>.<lang>.md}). They are committed; {@link LadderDocsTest} fails when they
 * are stale, and {@link #main} (or that test with {@code -Dladder.write=true}) rewrites them.
 */
public final class LadderFiles {
    private LadderFiles() {
    }

    /** Path (relative to the project) to content, in a stable order. */
    public static Map<Path, String> generate(Path projectDir) {
        Map<Path, String> files = new LinkedHashMap<>();
        for (Loaded loaded : Ladder.load(projectDir)) {
            for (Step step : loaded.steps()) {
                loaded.course().unitFiles(step).forEach((path, text) -> files.put(Path.of(path), text.stripTrailing() + "\n"));
            }
            for (Lang lang : Lang.values()) {
                files.put(Ladder.DIR.resolve(loaded.course().id() + "." + lang.code() + ".md"),
                        LessonWriter.page(loaded, lang));
            }
        }
        return files;
    }

    /** Writes every generated file; returns how many changed. */
    public static int write(Path projectDir) throws IOException {
        int changed = 0;
        for (Map.Entry<Path, String> file : generate(projectDir).entrySet()) {
            Path path = projectDir.resolve(file.getKey());
            if (!Files.exists(path) || !Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
                changed++;
            }
        }
        return changed;
    }

    /** Regenerates the files in the current (project) directory. */
    public static void main(String[] args) throws IOException {
        Path projectDir = Path.of(args.length > 0 ? args[0] : ".");
        System.out.println(write(projectDir) + " ladder file(s) rewritten");
    }
}
