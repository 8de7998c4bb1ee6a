package io.iterdemo.systemtest;

/**
 * Carries the guest's journal and unit status, attached as a suppressed exception to a test
 * failure so that they print right under the failure in the test report and Maven output.
 */
final class GuestDiagnostics extends Exception {
    private static final long serialVersionUID = 1L;

    GuestDiagnostics(String text) {
        super("state of the guest at the failure:\n" + text, null, false, false);
    }
}
