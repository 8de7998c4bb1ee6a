package io.iterdemo.lab;

import io.iterdemo.lab.Ladder.Walk;
import io.iterdemo.lab.Ladder.WalkStep;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The unit files along a {@link Walk}: the starting unit, then after each step its lines put into the
 * {@code [Service]} section, each replacing the lines that set the same key. The lesson prints one
 * score per unit, {@link Runner} measures them under systemd, and the unit test {@code LadderDocsTest} checks that
 * the last one is the unit the step ships.
 */
final class HardeningWalk {
    private HardeningWalk() {
    }

    /** The unit after each step of {@code walk}, in order (the starting unit not included). */
    static List<String> units(Walk walk) {
        List<String> units = new ArrayList<>();
        String unit = walk.from();
        for (WalkStep step : walk.steps()) {
            unit = apply(unit, step.lines(), step.drop());
            units.add(unit);
        }
        return units;
    }

    /**
     * {@code unit} with {@code lines} at the end of its [Service] section, replacing same-key lines, and
     * without the [Service] lines whose key is in {@code drop}.
     */
    static String apply(String unit, List<String> lines, List<String> drop) {
        Set<String> keys = new LinkedHashSet<>(drop);
        lines.forEach(line -> keys.add(key(line)));
        List<String> out = new ArrayList<>();
        String section = "";
        int serviceEnd = -1;
        for (String line : unit.stripTrailing().split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                if (section.equals("[Service]")) {
                    serviceEnd = lastNonBlank(out) + 1;
                }
                section = trimmed;
            } else if (section.equals("[Service]") && isDirective(trimmed) && keys.contains(key(trimmed))) {
                continue;
            }
            out.add(line);
        }
        if (section.equals("[Service]")) {
            serviceEnd = lastNonBlank(out) + 1;
        }
        if (serviceEnd < 0) {
            throw new IllegalArgumentException("no [Service] section in:\n" + unit);
        }
        out.addAll(serviceEnd, lines);
        return String.join("\n", out) + "\n";
    }

    /** The unit's settings as "[Section] Key=value" lines, comments, blank lines and order aside. */
    static Set<String> settings(String unit) {
        Set<String> settings = new LinkedHashSet<>();
        String section = "";
        for (String line : unit.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                section = trimmed;
            } else if (isDirective(trimmed)) {
                settings.add(section + " " + trimmed);
            }
        }
        return settings;
    }

    private static boolean isDirective(String trimmed) {
        return !trimmed.isEmpty() && !trimmed.startsWith("#") && !trimmed.startsWith(";") && trimmed.contains("=");
    }

    private static String key(String line) {
        String trimmed = line.strip();
        int eq = trimmed.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("not a Key=value line: " + line);
        }
        return trimmed.substring(0, eq);
    }

    private static int lastNonBlank(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }
}
