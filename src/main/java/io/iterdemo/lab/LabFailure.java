package io.iterdemo.lab;

/**
 * A step or phase that did not go as its data says: a command's exit status, an expectation that did not
 * come within its time, a quoted output the real one lacks. The message is one line naming where and what;
 * {@link #details()} holds the output that shows why.
 */
public final class LabFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String details;

    public LabFailure(String message, String details) {
        super(message);
        this.details = details;
    }

    public String details() {
        return details;
    }
}
