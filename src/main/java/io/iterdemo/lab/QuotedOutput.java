package io.iterdemo.lab;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Output a lesson quotes, matched against a command's real output: each quoted line must match a line
 * of the output (both stripped), in order, with "…" standing for anything (PIDs, dates, durations).
 */
public final class QuotedOutput {
    static final String ELLIPSIS = "…";

    private QuotedOutput() {
    }

    /** The first quoted line that has no match after the lines already matched, or empty when all match. */
    public static Optional<String> firstMissing(List<String> quoted, String output) {
        List<String> actual = output.lines().map(String::strip).toList();
        int from = 0;
        for (String line : quoted) {
            Pattern pattern = pattern(line.strip());
            int found = -1;
            for (int i = from; i < actual.size(); i++) {
                if (pattern.matcher(actual.get(i)).matches()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return Optional.of(line.strip());
            }
            from = found + 1;
        }
        return Optional.empty();
    }

    /** The regular expression a quoted line stands for: literal text, ".*" for each "…". */
    static Pattern pattern(String quoted) {
        StringBuilder regex = new StringBuilder();
        String[] parts = quoted.split(ELLIPSIS, -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString());
    }
}
