package io.iterdemo.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Expected values are what CPython 3.11's float() returns for the same text (Debian 12's python3). */
class PythonFloatTest {

    @ParameterizedTest(name = "float({0}) == {1}")
    @CsvSource(delimiter = '|', value = {
        "5|5.0", "' 5 '|5.0", ".5|0.5", "5.|5.0", "1e3|1000.0", "1E-2|0.01", "+3|3.0", "-1|-1.0", "0|0.0",
        "1_000|1000.0", "1e1_0|1.0E10", "1e-400|0.0", "0.0|0.0", "\u0665|5.0", "\u00a05\u00a0|5.0"
    })
    void acceptsWhatPythonAccepts(String text, double expected) {
        assertEquals(OptionalDouble.of(expected), PythonFloat.parse(text));
    }

    @ParameterizedTest(name = "float({0}) raises ValueError")
    @ValueSource(strings = {"1__0", "_1", "1_", "0x10", "5s", "abc", "", "  ", "5d", "1e", "e5", "1.2.3", "3 4",
        "0x1p3", "5f", "1,5"})
    void rejectsWhatPythonRejects(String text) {
        assertTrue(PythonFloat.parse(text).isEmpty(), () -> text + " parsed as " + PythonFloat.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nan", "-nan", "NaN"})
    void readsNanInAnyCase(String text) {
        assertTrue(Double.isNaN(PythonFloat.parse(text).getAsDouble()));
    }

    @ParameterizedTest
    @CsvSource({"inf,Infinity", "Infinity,Infinity", "iNfInItY,Infinity", "-inf,-Infinity", "1e400,Infinity"})
    void readsInfinitiesAsPythonDoes(String text, double expected) {
        assertEquals(expected, PythonFloat.parse(text).getAsDouble());
    }

    @org.junit.jupiter.api.Test
    void stripsSurroundingTabsAndNewlines() {
        assertEquals(OptionalDouble.of(2.5), PythonFloat.parse("\t2.5\n"));
    }
}
