package io.iterdemo.lab;

/**
 * One expectation of a phase, checked: what it is about ({@code ActiveState}, {@code journal},
 * {@code /var/tmp/iterdemo.log}), whether it holds, what was expected and what was seen, and the command
 * a student runs to look closer when it does not hold.
 */
public record Verdict(String subject, boolean holds, String expected, String seen, String hint) {
    /** {@code ActiveState: expected failed, seen active}. */
    public String describe() {
        return holds ? subject + ": " + expected : subject + ": expected " + expected + ", seen " + seen;
    }
}
