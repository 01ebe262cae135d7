package org.replkit.conformance.run;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.replkit.spec.CouldNotRun;

/**
 * What kit verify, kit fuzz and kit verify-sender share: where they print, and a run that cannot take
 * place ({@link CouldNotRun}) ending as one line on stderr under the command's name, exit 2, no report.
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
    public final Integer call() {
        try {
            return run();
        } catch (CouldNotRun e) {
            return e.reportTo(err, name);
        }
    }

    /** The command's work, its exit code; a usage error or a target it cannot use throws {@link CouldNotRun}. */
    protected abstract int run();
}
