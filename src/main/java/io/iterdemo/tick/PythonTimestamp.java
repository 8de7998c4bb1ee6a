package io.iterdemo.tick;

import java.time.LocalDateTime;

/**
 * Formats a local date-time exactly as Python's {@code str(datetime.now())} does: {@code YYYY-MM-DD
 * HH:MM:SS.ffffff}, microseconds truncated (CPython floors the clock), and no fraction at all when the
 * microseconds are zero. Scripts that parse app.py's log keep working on ours.
 *
 * <p>Formatted by hand: DateTimeFormatter and String.format load hundreds of classes, which would delay the
 * first line of the log by several milliseconds at every start.
 */
public final class PythonTimestamp {
    private PythonTimestamp() {
    }

    public static String now() {
        return format(LocalDateTime.now());
    }

    public static String format(LocalDateTime time) {
        StringBuilder text = new StringBuilder(26);
        pad(text, time.getYear(), 4).append('-');
        pad(text, time.getMonthValue(), 2).append('-');
        pad(text, time.getDayOfMonth(), 2).append(' ');
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2);
        int microsecond = time.getNano() / 1000;
        if (microsecond != 0) {
            pad(text.append('.'), microsecond, 6);
        }
        return text.toString();
    }

    private static StringBuilder pad(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
