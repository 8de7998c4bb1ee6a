package io.iterdemo.tick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected strings are what Python prints for str(datetime(...)) with the same fields. */
class PythonTimestampTest {

    @Test
    void printsSixDigitsOfMicroseconds() {
        assertEquals("2026-11-23 08:05:09.000120", PythonTimestamp.format(LocalDateTime.of(2026, 11, 23, 8, 5, 9, 120_000)));
    }

    @Test
    void dropsTheFractionWhenMicrosecondsAreZero() {
        assertEquals("2026-01-02 03:04:05", PythonTimestamp.format(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 999)));
    }

    @Test
    void truncatesNanosecondsLikeCPythonsFlooredClock() {
        assertEquals("2026-01-02 03:04:05.123456", PythonTimestamp.format(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_999)));
    }

    @Test
    void nowHasThePythonShape() {
        assertTrue(PythonTimestamp.now().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}(\\.\\d{6})?"));
    }

    /** The JVM's default zone, as LocalDateTime.now() reads it, whatever its offset: quarter hours, summer time. */
    @ParameterizedTest
    @ValueSource(strings = {"Asia/Kathmandu", "America/St_Johns", "Europe/Paris", "Pacific/Chatham", "UTC"})
    void nowIsTheLocalTimeOfTheDefaultZone(String zone) {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        try {
            LocalDateTime before = LocalDateTime.now(ZoneId.of(zone));
            LocalDateTime now = LocalDateTime.parse(PythonTimestamp.now().replace(' ', 'T'));
            LocalDateTime after = LocalDateTime.now(ZoneId.of(zone));
            assertFalse(now.isBefore(before.withNano(before.getNano() / 1000 * 1000)) || now.isAfter(after),
                    now + " not between " + before + " and " + after + " in " + zone);
        } finally {
            TimeZone.setDefault(saved);
        }
    }
}
