package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.iterdemo.lab.Ladder.Loaded;
import io.iterdemo.lab.Ladder.Phase;
import io.iterdemo.lab.Ladder.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The committed unit files and lesson pages under {@code systemd/} are exactly what the data in
 * {@code systemd/ladder/} generates, and the data is complete. Regenerate with
 * {@code mvn -q test -Dtest=LadderDocsTest -Dladder.write=true}.
 */
class LadderDocsTest {
    private static final String REGENERATE = "mvn -q test -Dtest=LadderDocsTest -Dladder.write=true";
    private static final Set<String> KINDS = Set.of("works", "break", "fix", "explore");
    private final Path projectDir = Ladder.projectDir();

    @Test
    void generatedFilesAreUpToDate() throws Exception {
        if (Boolean.getBoolean("ladder.write")) {
            LadderFiles.write(projectDir);
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<Path, String> file : LadderFiles.generate(projectDir).entrySet()) {
            Path path = projectDir.resolve(file.getKey());
            if (!Files.exists(path) || !Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                stale.add(file.getKey().toString());
            }
        }
        if (!stale.isEmpty()) {
            fail("stale or missing files generated from systemd/ladder/: " + stale
                    + "\nregenerate them with: " + REGENERATE);
        }
    }

    @Test
    void everyStepHasAUnitAndAWorksBreakFixScenarioInBothLanguages() {
        for (Loaded loaded : Ladder.load(projectDir)) {
            for (Step step : loaded.steps()) {
                String where = loaded.course().id() + " step " + step.number();
                assertTrue(step.unit().contains("ExecStart="), where + ": the unit has an ExecStart=");
                step.title().in(Ladder.Lang.FR);
                step.title().in(Ladder.Lang.EN);
                step.why().in(Ladder.Lang.FR);
                step.why().in(Ladder.Lang.EN);
                List<String> kinds = step.phases().stream().map(Phase::kind).toList();
                assertTrue(KINDS.containsAll(kinds), where + ": phase kinds " + kinds);
                assertTrue(kinds.contains("works"), where + ": has a works phase");
                for (Phase phase : step.phases()) {
                    assertFalse(phase.run().isEmpty() && phase.expect() == null && phase.observe().isEmpty(),
                            where + ": a " + phase.kind() + " phase that neither runs nor observes anything");
                }
            }
        }
    }

    @Test
    void everyHardeningWalkEndsAtTheUnitItsStepShips() {
        for (Loaded loaded : Ladder.load(projectDir)) {
            for (Step step : loaded.steps()) {
                if (step.walk() == null) {
                    continue;
                }
                List<String> units = HardeningWalk.units(step.walk());
                assertFalse(units.isEmpty(), step.id() + ": a walk with no step");
                assertEquals(HardeningWalk.settings(step.unit()), HardeningWalk.settings(units.get(units.size() - 1)),
                        step.id() + ": the walk's last unit has the step unit's settings");
                assertEquals(step.exposure(), step.walk().steps().get(step.walk().steps().size() - 1).exposure(),
                        step.id() + ": the walk's last score is the step's");
                for (Ladder.WalkStep walkStep : step.walk().steps()) {
                    walkStep.restricts().in(Ladder.Lang.FR);
                    walkStep.restricts().in(Ladder.Lang.EN);
                }
            }
        }
    }

    @Test
    void bothLanguagesShowTheSameCommandsAndOutputs() {
        for (Loaded loaded : Ladder.load(projectDir)) {
            String fr = LessonWriter.page(loaded, Ladder.Lang.FR);
            String en = LessonWriter.page(loaded, Ladder.Lang.EN);
            assertEquals(codeBlocks(fr), codeBlocks(en), loaded.course().id() + ": code blocks differ between languages");
        }
    }

    private static List<String> codeBlocks(String page) {
        List<String> blocks = new ArrayList<>();
        boolean inside = false;
        StringBuilder block = new StringBuilder();
        for (String line : page.split("\n", -1)) {
            if (line.startsWith("```")) {
                if (inside) {
                    blocks.add(block.toString().replaceAll("   # .*", ""));
                    block.setLength(0);
                }
                inside = !inside;
            } else if (inside) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }

    /** A decimal number in French prose; versions (kernel 6.4, systemd 252.39) are not decimals. */
    private static final Pattern DECIMAL_WITH_A_POINT = Pattern.compile("(?<![\\w.])\\d+\\.\\d+(?![\\w.])");
    private static final Pattern VERSION_BEFORE =
            Pattern.compile("(?i)(noyau|kernel|systemd|Debian|Ubuntu|Java|JDK|Python|curl|version)\\s*$");
    /** systemd-analyze's level, as it prints it, in a table cell of its own. */
    private static final Pattern EXPOSURE_CELL = Pattern.compile("\\|\\s*\\d+\\.\\d+ (SAFE|OK|MEDIUM|EXPOSED|UNSAFE)\\s*(?=\\|)");

    @Test
    void frenchProseWritesDecimalsWithACommaAndQuotesSystemdOutputVerbatim() throws Exception {
        List<String> found = new ArrayList<>();
        for (Map.Entry<Path, String> file : LadderFiles.generate(projectDir).entrySet()) {
            if (!file.getKey().toString().endsWith(".fr.md")) {
                continue;
            }
            boolean code = false;
            int number = 0;
            for (String line : file.getValue().split("\n", -1)) {
                number++;
                if (line.startsWith("```") || line.startsWith("~~~")) {
                    code = !code;
                    continue;
                }
                if (code) {
                    continue;
                }
                // What systemd prints is quoted verbatim, in backticks or as a score cell of a table.
                String prose = EXPOSURE_CELL.matcher(line.replaceAll("`[^`]*`", "")).replaceAll("|");
                Matcher decimal = DECIMAL_WITH_A_POINT.matcher(prose);
                while (decimal.find()) {
                    if (!VERSION_BEFORE.matcher(prose.substring(0, decimal.start())).find()) {
                        found.add(file.getKey() + ":" + number + ": " + decimal.group() + " in «" + line.strip() + "»");
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "French prose writes 4,9 (or quotes systemd's `4.9 OK` in backticks): " + found);
    }
}
