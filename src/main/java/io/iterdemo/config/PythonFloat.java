package io.iterdemo.config;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * Parses a number the way Python's {@code float(str)} does, so that every INTERVAL that app.py accepts is
 * accepted here with the same value, and nothing more.
 *
 * <p>Python strips surrounding whitespace, allows a sign, {@code _} between digits, {@code .5}, {@code 5.},
 * exponents, {@code inf}/{@code infinity}/{@code nan} in any case, and any Unicode decimal digit. Java's
 * {@link Double#parseDouble} differs both ways: it accepts {@code 5d}, {@code 0x1p3} and {@code Infinity} only
 * in that spelling, and rejects {@code 1_000}; hence this class.
 */
public final class PythonFloat {
    private static final String DIGITS = "[0-9](?:_?[0-9])*";
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(?:(?:" + DIGITS + ")?\\." + DIGITS + "|" + DIGITS + "\\.?)(?:[eE][+-]?" + DIGITS + ")?");
    private static final Pattern SPECIAL = Pattern.compile("[+-]?(?i:inf|infinity|nan)");

    private PythonFloat() {
    }

    /** The value Python's {@code float(text)} returns, or empty where Python raises ValueError. */
    public static OptionalDouble parse(String text) {
        String candidate = asciiDigits(stripPythonWhitespace(text));
        if (NUMBER.matcher(candidate).matches()) {
            return OptionalDouble.of(Double.parseDouble(candidate.replace("_", "")));
        }
        if (SPECIAL.matcher(candidate).matches()) {
            boolean negative = candidate.startsWith("-");
            String word = candidate.replaceFirst("^[+-]", "").toLowerCase(java.util.Locale.ROOT);
            if (word.equals("nan")) {
                return OptionalDouble.of(Double.NaN);
            }
            return OptionalDouble.of(negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        return OptionalDouble.empty();
    }

    /** Python's str.strip(): Unicode whitespace, which is wider than Java's {@link String#strip()}. */
    private static String stripPythonWhitespace(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isPythonSpace(char c) {
        // str.isspace(): bidirectional class WS, B or S, or category Zs; covers \x1c-\x1f and NBSP, which
        // Character.isWhitespace leaves out.
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || (c >= 0x1c && c <= 0x1f) || c == 0x85;
    }

    /** Python accepts any Unicode decimal digit ("٥" is 5.0); Java's parser only ASCII ones. */
    private static String asciiDigits(String text) {
        StringBuilder ascii = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int cp = text.codePointAt(i);
            if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                ascii.append((char) ('0' + Character.digit(cp, 10)));
            } else {
                ascii.appendCodePoint(cp);
            }
        }
        return ascii.toString();
    }
}
