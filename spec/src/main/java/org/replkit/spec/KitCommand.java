package org.replkit.spec;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/**
 * What every {@code ./kit} command shares: where it prints, and a run that cannot take place
 * ({@link CouldNotRun}, or a value refused with {@link IllegalArgumentException}) ending as one line on
 * stderr under the command's name, exit 2, no report.
 */
public abstract class KitCommand implements Callable<Integer> {

    private final String name;
    protected final PrintStream out;
    protected final PrintStream err;

    /** @param name the command as users type it, e.g. "kit verify" */
    protected KitCommand(String name, PrintStream out, PrintStream err) {
        this.name = name;
        this.out = out;
        this.err = err;
    }

    @Override
    public final Integer call() throws Exception {
        try {
            return run();
        } catch (CouldNotRun e) {
            return e.reportTo(err, name);
        } catch (IllegalArgumentException e) {
            return new CouldNotRun(e.getMessage(), e).reportTo(err, name);
        }
    }

    /** The command's work, its exit code; a usage error or a target it cannot use throws {@link CouldNotRun}. */
    protected abstract int run() throws Exception;

    /** reports/ under the kit's root ({@code ./kit} exports KIT_HOME), else under the working directory. */
    protected static java.nio.file.Path reportsUnderKitHome() {
        String home = System.getenv("KIT_HOME");
        return (home == null || home.isBlank() ? java.nio.file.Path.of("") : java.nio.file.Path.of(home)).toAbsolutePath().resolve("reports");
    }

    /** An optional secret or token as given: a CI passes an unset one as an empty variable, which means none. */
    protected static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
