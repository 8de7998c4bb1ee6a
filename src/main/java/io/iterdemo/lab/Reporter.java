package io.iterdemo.lab;

import java.util.List;

/** What the lab reports while it plays and checks: to the terminal for a person, to the test log in CI. */
public interface Reporter {
    /** A heading: a step, a phase. */
    void section(String title);

    /** A command about to run, then how it ended and what it printed. */
    void command(String commandLine, Machine.Outcome outcome);

    /** Still waiting for {@code holding} of {@code total} expectations after {@code elapsed} of {@code limit} seconds. */
    void waiting(String what, int holding, int total, long elapsed, long limit);

    /** The verdicts of a check, one line each. */
    void verdicts(List<Verdict> verdicts);

    /** A plain line of information. */
    void info(String line);
}
