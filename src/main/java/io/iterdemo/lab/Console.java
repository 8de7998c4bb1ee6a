package io.iterdemo.lab;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The lab's output for a person: on a terminal (and without {@code NO_COLOR}) with colour, ✓/✗ and a wait
 * line rewritten in place; otherwise plain, stable lines ({@code passed}/{@code FAILED}, a wait line every
 * ten seconds) that a log or grep can take.
 */
final class Console implements Reporter {
    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String RED = "\u001b[31m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";

    private final PrintStream out;
    private final boolean terminal;
    private boolean waitLineOpen;
    private long lastWaitReport = -1;

    Console(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A console for standard output: fancy only when it is a terminal and {@code NO_COLOR} is unset. */
    static Console standard(Map<String, String> env, PrintStream out) {
        boolean terminal = System.console() != null && env.get("NO_COLOR") == null
                && !"dumb".equals(env.get("TERM"));
        return new Console(out, terminal);
    }

    boolean terminal() {
        return terminal;
    }

    @Override
    public void section(String title) {
        endWait();
        out.println(terminal ? BOLD + "== " + title + RESET : "== " + title);
    }

    @Override
    public void command(String commandLine, Machine.Outcome outcome) {
        endWait();
        out.println("$ " + commandLine);
        String text = (outcome.stdout() + outcome.stderr()).stripTrailing();
        if (!text.isEmpty()) {
            for (String line : text.lines().toList()) {
                out.println(terminal ? DIM + "  " + line + RESET : "  " + line);
            }
        }
    }

    @Override
    public void waiting(String what, int holding, int total, long elapsed, long limit) {
        String line = "waiting for " + what + ": " + holding + " of " + total + " expectations hold (" + elapsed
                + " s of " + limit + " s)";
        if (terminal) {
            out.print("\r\u001b[K" + line);
            out.flush();
            waitLineOpen = true;
        } else if (lastWaitReport < 0 || elapsed - lastWaitReport >= 10) {
            out.println(line);
            lastWaitReport = elapsed;
        }
    }

    @Override
    public void verdicts(List<Verdict> verdicts) {
        endWait();
        for (Verdict verdict : verdicts) {
            out.println(mark(verdict.holds()) + " " + verdict.describe());
            if (!verdict.holds()) {
                out.println("    hint: " + verdict.hint());
            }
        }
    }

    @Override
    public void info(String line) {
        endWait();
        out.println(line);
    }

    /** ✓ or ✗ in colour on a terminal, "passed" or "FAILED" otherwise. */
    String mark(boolean holds) {
        if (terminal) {
            return holds ? GREEN + "✓" + RESET : RED + "✗" + RESET;
        }
        return holds ? "passed" : "FAILED";
    }

    private void endWait() {
        if (waitLineOpen) {
            out.print("\r\u001b[K");
            waitLineOpen = false;
        }
        lastWaitReport = -1;
    }
}
