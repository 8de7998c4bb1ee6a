package io.iterdemo.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.iterdemo.testing.Daemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bash completion script the .deb installs, sourced by a real bash and asked what it completes after
 * what a user has typed, as bash-completion asks it at a TAB.
 */
class BashCompletionIT {
    private static final Path SCRIPT = Daemon.jar().getParent().resolve("deb-staging/iterdemo.bash-completion");

    /** What the completion offers for the command line {@code words}, the last word being completed. */
    private static List<String> complete(String... words) throws Exception {
        String array = String.join(" ", Arrays.stream(words).map(w -> "'" + w + "'").toList());
        // compopt only works while bash itself runs a completion; called here, it would only complain.
        String script = "compopt() { :; }; source '" + SCRIPT + "'; COMP_WORDS=(" + array + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + String.join(" ", words) + "'; COMP_POINT=${#COMP_LINE}; _complete_iterdemo;"
                + " printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process bash = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, bash.exitValue(), out);
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
    }

    @Test
    void theScriptIsSourcedNotExecuted() throws Exception {
        assertFalse(Files.readString(SCRIPT).startsWith("#!"), "no #! line in a bash-completion file");
    }

    @Test
    void completesTheModes() throws Exception {
        assertEquals(List.of("http", "lab"), complete("iterdemo", ""));
    }

    @Test
    void completesTheLabVerbs() throws Exception {
        assertEquals(List.of("check", "doctor", "list", "next", "reset", "run", "show", "start"), complete("iterdemo", "lab", ""));
        assertEquals(List.of("reset", "run"), complete("iterdemo", "lab", "r"));
    }

    @Test
    void completesCoursesAndStepNumbers() throws Exception {
        List<String> steps = complete("iterdemo", "lab", "start", "1");
        assertTrue(steps.containsAll(List.of("1", "10", "16")), steps.toString());
        assertEquals(List.of("p3test"), complete("iterdemo", "lab", "show", "p3"));
    }

    @Test
    void completesTheHttpModesOptions() throws Exception {
        assertTrue(complete("iterdemo", "http", "--").containsAll(List.of("--bind", "--directory", "--protocol")));
        assertEquals(List.of("HTTP/1.0", "HTTP/1.1"), complete("iterdemo", "http", "-p", ""));
    }
}
