package io.iterdemo.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** Quoted texts in the step data: one for every release, or one per systemd release measured. */
class QuotedTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Quoted parse(String yaml) throws Exception {
        return Quoted.of(YAML.readTree(yaml));
    }

    @Test
    void aPlainStringHoldsOnEveryRelease() throws Exception {
        Quoted text = parse("\"Active: active (running) since …\"");
        assertFalse(text.variesByRelease());
        assertEquals("Active: active (running) since …", text.on(252));
        assertEquals("Active: active (running) since …", text.on(257));
    }

    @Test
    void aSystemdBetweenTwoReleasesGetsTheOlderOnesTextAndOneOutsideGetsTheNearest() throws Exception {
        Quoted text = parse("{252: 'Failed to locate executable', 257: 'Unable to locate executable'}");
        assertTrue(text.variesByRelease());
        assertEquals("Failed to locate executable", text.on(252));
        assertEquals("Failed to locate executable", text.on(255));
        assertEquals("Unable to locate executable", text.on(257));
        assertEquals("Unable to locate executable", text.on(260));
        assertEquals("Failed to locate executable", text.on(247));
        assertEquals("Unable to locate executable", text.on(Quoted.Release.DEBIAN_13));
    }

    @Test
    void aVersionNoReleaseOfTheLessonsHasIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("{252: a, 255: b}"));
        assertEquals("systemd 255 is not a release the lessons cover (Debian 12 (systemd 252), Debian 13 (systemd 257))",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("{trixie: a}"));
        assertEquals("'trixie' is not a systemd version (252, 257)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> parse("[a, b]"));
        assertTrue(e.getMessage().startsWith("expected a text, or one text per systemd version"), e.getMessage());
    }
}
