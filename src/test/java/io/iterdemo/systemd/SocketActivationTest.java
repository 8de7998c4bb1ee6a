package io.iterdemo.systemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** sd_listen_fds(3)'s reading of LISTEN_PID, LISTEN_FDS and LISTEN_FDNAMES. */
class SocketActivationTest {
    @Test
    void countsTheDescriptorsMeantForThisProcess() {
        assertEquals(1, SocketActivation.listenFds(Map.of("LISTEN_FDS", "1", "LISTEN_PID", "42"), 42));
        assertEquals(0, SocketActivation.listenFds(Map.of(), 42));
    }

    @Test
    void takesNoDescriptorMeantForAnotherProcessAndSaysWhy() {
        Map<String, String> env = Map.of("LISTEN_FDS", "1", "LISTEN_PID", "7");
        assertEquals(0, SocketActivation.listenFds(env, 42));
        assertEquals(Optional.of("LISTEN_FDS=1 ignored: LISTEN_PID=7 is another process, not this one (42), so the"
                + " descriptors are not ours (sd_listen_fds(3)); if a wrapper script starts iterdemo, it must exec it"),
                SocketActivation.ignored(env, 42));
        assertEquals(Optional.of("LISTEN_FDS=1 ignored: no LISTEN_PID names this process, so the descriptors are not ours"
                + " (sd_listen_fds(3)); if a wrapper script starts iterdemo, it must exec it"),
                SocketActivation.ignored(Map.of("LISTEN_FDS", "1"), 42));
    }

    @Test
    void saysNothingWhenTheDescriptorsAreOursOrThereAreNone() {
        assertEquals(Optional.empty(), SocketActivation.ignored(Map.of("LISTEN_FDS", "1", "LISTEN_PID", "42"), 42));
        assertEquals(Optional.empty(), SocketActivation.ignored(Map.of("LISTEN_PID", "7"), 42));
        assertEquals(Optional.empty(), SocketActivation.ignored(Map.of("LISTEN_FDS", "0", "LISTEN_PID", "7"), 42));
    }

    @Test
    void refusesAMalformedCountMeantForThisProcess() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SocketActivation.listenFds(Map.of("LISTEN_FDS", "two", "LISTEN_PID", "42"), 42));
        assertEquals("LISTEN_FDS=\"two\" is not a number of file descriptors", e.getMessage());
    }

    @Test
    void quotesTheNamesSystemdGaveTheDescriptors() {
        assertEquals("LISTEN_FDS=2 LISTEN_FDNAMES=web:admin",
                SocketActivation.variables(Map.of("LISTEN_FDS", "2", "LISTEN_FDNAMES", "web:admin")));
        assertEquals("LISTEN_FDS=2", SocketActivation.variables(Map.of("LISTEN_FDS", "2")));
    }
}
