package io.iterdemo.lab;

import java.util.List;

/** Small text helpers for the lab's messages. */
final class Texts {
    private Texts() {
    }

    /** The last {@code count} lines of {@code text} (all of them when it has fewer). */
    static List<String> lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    /** The last non-blank line of {@code text}, or "(nothing)". */
    static String lastLine(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1).strip();
    }

    /** {@code text} quoted for /bin/sh: single quotes, each inner one as '\''. */
    static String shellQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
