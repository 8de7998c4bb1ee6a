package io.iterdemo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TickConfigTest {

    @Test
    void defaultsAreThoseOfAppPy() throws ConfigException {
        TickConfig config = TickConfig.fromEnvironment(Map.of());
        assertEquals(Path.of("/var/tmp/iterdemo.log"), config.logFile());
        assertEquals(5.0, config.intervalSeconds());
        assertEquals(Duration.ofSeconds(5), config.interval());
    }

    @Test
    void readsLogfileAndIntervalFromTheEnvironment() throws ConfigException {
        TickConfig config = TickConfig.fromEnvironment(Map.of("LOGFILE", "/run/iterdemo/service.log", "INTERVAL", " .25 "));
        assertEquals(Path.of("/run/iterdemo/service.log"), config.logFile());
        assertEquals(Duration.ofMillis(250), config.interval());
        assertEquals("0.25", config.intervalText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "", "-1", "0", "nan", "inf", "5s", "1e-400", "-inf"})
    void rejectsAnIntervalThatIsNotAFinitePositiveNumberNamingVariableAndValue(String value) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TickConfig.fromEnvironment(Map.of("INTERVAL", value)));
        assertTrue(e.getMessage().startsWith("INTERVAL=\"" + value + "\""), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void showsControlCharactersOfABadValueEscaped() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> TickConfig.fromEnvironment(Map.of("INTERVAL", "2\n3")));
        assertTrue(e.getMessage().startsWith("INTERVAL=\"2\\x0a3\""), e.getMessage());
    }

    @Test
    void rejectsAnEmptyLogfile() {
        ConfigException e = assertThrows(ConfigException.class, () -> TickConfig.fromEnvironment(Map.of("LOGFILE", "")));
        assertTrue(e.getMessage().startsWith("LOGFILE"), e.getMessage());
    }

    @Test
    void writesIntegralIntervalsWithoutAFraction() throws ConfigException {
        assertEquals("5", TickConfig.fromEnvironment(Map.of("INTERVAL", "5.0")).intervalText());
        assertEquals("1000", TickConfig.fromEnvironment(Map.of("INTERVAL", "1e3")).intervalText());
    }

    @Test
    void leaksNothingWhenLeakIsUnsetOrEmpty() throws ConfigException {
        assertEquals(0, TickConfig.fromEnvironment(Map.of()).leakBytesPerTick());
        assertEquals(0, TickConfig.fromEnvironment(Map.of("LEAK", "")).leakBytesPerTick());
        assertFalse(TickConfig.fromEnvironment(Map.of("LEAK", "0")).leaks());
    }

    @ParameterizedTest
    @CsvSource({"4M, 4194304, 4M", "512K, 524288, 512K", "1G, 1073741824, 1G", "123, 123, 123", "2m, 2097152, 2M",
            "' 8M ', 8388608, 8M", "4096, 4096, 4K", "0, 0, 0"})
    void readsLeakAsBytesWithBinaryUnits(String value, long bytes, String text) throws ConfigException {
        TickConfig config = TickConfig.fromEnvironment(Map.of("LEAK", value));
        assertEquals(bytes, config.leakBytesPerTick());
        assertEquals(text, config.leakText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"4MB", "-1", "1.5M", "M", "4 M", "4T", "0x10", "abc"})
    void rejectsALeakThatIsNotASizeNamingVariableAndValue(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> TickConfig.fromEnvironment(Map.of("LEAK", value)));
        assertEquals("LEAK=\"" + value + "\" is not a size in bytes (examples: 0, 512K, 4M, 1G)", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775808", "8589934592G"})
    void rejectsALeakTooLargeForALong(String value) {
        ConfigException e = assertThrows(ConfigException.class, () -> TickConfig.fromEnvironment(Map.of("LEAK", value)));
        assertTrue(e.getMessage().startsWith("LEAK=\"" + value + "\" is too large"), e.getMessage());
    }

    @Test
    void saturatesAnAbsurdlyLongIntervalInsteadOfOverflowing() throws ConfigException {
        Duration interval = TickConfig.fromEnvironment(Map.of("INTERVAL", "1e300")).interval();
        assertTrue(interval.toDays() > 365L * 50, interval::toString);
    }

    /** What Python's repr(float(INTERVAL)) prints, digits and exponent; positional between 1e-4 and 1e16. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"1e300, 1e+300", "1e-300, 1e-300", "0.00001, 1e-05", "1.5e20, 1.5e+20",
        "12345678901234567, 1.2345678901234568e+16", "5, 5", "0.1, 0.1", "0.0001, 0.0001", "1e15, 1000000000000000"})
    void writesAnExtremeIntervalWithAnExponentAsPythonDoes(String interval, String expected) throws Exception {
        assertEquals(expected, TickConfig.fromEnvironment(Map.of("INTERVAL", interval)).intervalText());
    }
}
