package org.replkit.spec;

/**
 * The one exit-code contract of every {@code ./kit} command, so a CI job reads every command the
 * same way: 0 passed, 1 failed (a check, an assertion or a property did not hold), 2 could not run
 * (a usage error, something unreachable, nothing judged). Commands that check nothing (starting a
 * server, applying migrations) use 0 and 2 only.
 */
public final class ExitCode {

    public static final int PASSED = 0;
    public static final int FAILED = 1;
    public static final int COULD_NOT_RUN = 2;

    /** The words every command's help starts its exit-code lines with. */
    public static final String PASSED_LINE = "0:passed: ";
    public static final String FAILED_LINE = "1:failed: ";
    public static final String COULD_NOT_RUN_LINE = "2:could not run: ";

    private ExitCode() {}
}
