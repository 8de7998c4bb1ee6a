package io.iterdemo.lab;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The machine a course is played on, as the lab needs it: run a command line, read a file. The product
 * plays on the machine it runs on ({@link LocalMachine}); the system tests drive a VM through its guest
 * agent with the same {@link Runner} and {@link Expectations}, so that what a phase expects and how it is
 * checked exists once.
 */
public interface Machine {
    /**
     * Runs {@code commandLine} with {@code /bin/sh -c}, as the lab's user (root), in the lab directory, with
     * no standard input; gives up after {@code timeout} (the result then has exit status 124, as
     * {@code timeout(1)}).
     */
    Outcome sh(String commandLine, Duration timeout) throws IOException, InterruptedException;

    /** The content of the file at {@code path} as UTF-8, or empty when it does not exist or cannot be read. */
    Optional<String> read(String path) throws IOException, InterruptedException;

    /** A command's exit status and both outputs, decoded as UTF-8. */
    record Outcome(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The command, its status and the ends of both outputs: what a failure message shows. */
        public String describe(String commandLine) {
            return "`" + commandLine + "` exited " + exitCode + tail("stdout", stdout) + tail("stderr", stderr);
        }

        private static String tail(String name, String text) {
            if (text.isBlank()) {
                return "";
            }
            return "\n  " + name + ": " + String.join("\n  " + name + ": ", Texts.lastLines(text, 8));
        }
    }
}
