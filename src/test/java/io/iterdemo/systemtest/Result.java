package io.iterdemo.systemtest;

import java.util.List;

/** What a command run in the guest did: its exit code and its captured output. */
public record Result(List<String> command, int exitCode, String stdout, String stderr) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** The command, its exit code and both outputs: meant for failure messages. */
    public String describe() {
        return "command: " + String.join(" ", command)
                + "\nexit code: " + exitCode
                + "\n--- stdout ---\n" + stdout
                + (stdout.isEmpty() || stdout.endsWith("\n") ? "" : "\n")
                + "--- stderr ---\n" + stderr;
    }

    @Override
    public String toString() {
        return describe();
    }
}
