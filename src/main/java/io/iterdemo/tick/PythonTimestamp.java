package io.iterdemo.tick;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;

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

    /**
     * The current local time (the JVM's default time zone: {@code TZ}, else {@code /etc/localtime}), formatted.
     *
     * <p>The offset comes from {@link TimeZone#getDefault()}, the same zone and tzdb rules as
     * {@code LocalDateTime.now()} uses, without {@code ZoneId.systemDefault()}: that starts java.time's zone rules
     * provider, which reads the JDK's tzdb.dat a second time, 7 ms of a 48 ms start to the first tick
     * (docs/footprint.md).
     */
    public static String now() {
        Instant now = Instant.now();
        int offsetSeconds = TimeZone.getDefault().getOffset(now.toEpochMilli()) / 1000;
        return format(LocalDateTime.ofEpochSecond(now.getEpochSecond() + offsetSeconds, now.getNano(), ZoneOffset.UTC));
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
