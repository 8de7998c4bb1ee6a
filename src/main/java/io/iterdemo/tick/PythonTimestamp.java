package io.iterdemo.tick;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Formats a local date-time exactly as Python's {@code str(datetime.now())} does: {@code YYYY-MM-DD
 * HH:MM:SS.ffffff}, microseconds truncated (CPython floors the clock), and no fraction at all when the
 * microseconds are zero. Scripts that parse app.py's log keep working on ours.
 */
public final class PythonTimestamp {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private PythonTimestamp() {
    }

    public static String now() {
        return format(LocalDateTime.now());
    }

    public static String format(LocalDateTime time) {
        LocalDateTime micros = time.truncatedTo(ChronoUnit.MICROS);
        String seconds = SECONDS.format(micros);
        int microsecond = micros.getNano() / 1000;
        return microsecond == 0 ? seconds : seconds + String.format(".%06d", microsecond);
    }
}
