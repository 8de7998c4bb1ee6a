package io.iterdemo.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.iterdemo.testing.WhatwgUrl;

/** Every Location stays on the origin once a browser has parsed it ({@link WhatwgUrl}'s rules). */
class SameOriginLocationTest {
    private static boolean staysOnTheOrigin(String location) {
        return WhatwgUrl.staysOnTheOrigin(location);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/\\evil.example/%2f../", "\\\\evil.example/", "/\t/evil.example/", "/\n\\evil.example/",
        "//evil.example/", "///evil.example/", "\\/evil.example/", "/ /evil.example/", "/\u0000/evil.example/",
        "javascript:alert(1)/", "http://evil.example/", "/\u3000/evil.example/"})
    void neverPointsToAnotherHostAfterABrowserParsesIt(String reference) {
        String location = SameOriginLocation.of(reference);
        assertTrue(staysOnTheOrigin(location), reference + " -> " + location);
        assertTrue(location.startsWith("/") && location.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '\\'),
                location);
    }

    @Test
    void encodesABackslashSoThatTheOpenRedirectOfIssue15StaysHome() {
        assertEquals("/%5Cevil.example/%2f../", SameOriginLocation.of("/\\evil.example/%2f../"));
    }

    @Test
    void leavesAnOrdinaryLocationAsPythonWritesIt() {
        for (String location : new String[] {"/docs/", "/docs/?x=1&y=%20", "/empty%20dir/", "/a/b/?q=%2F#top",
            "/caf%C3%A9/", "/R&D%3C/"}) {
            assertEquals(location, SameOriginLocation.of(location));
        }
    }

    @Test
    void encodesNonAsciiAsUtf8() {
        assertEquals("/caf%C3%A9/%F0%9F%98%80/", SameOriginLocation.of("/café/\uD83D\uDE00/"));
    }

    @Test
    void keepsEveryRandomReferenceOnTheOrigin() {
        Random random = new Random(15);
        String alphabet = "/\\\t\n\r .%2fe:@?#\u0000\u007f\u00e9";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder reference = new StringBuilder();
            for (int n = random.nextInt(8); n >= 0; n--) {
                reference.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String location = SameOriginLocation.of(reference.toString());
            assertTrue(staysOnTheOrigin(location), "seed 15, case " + i + ": " + reference + " -> " + location);
        }
    }
}
