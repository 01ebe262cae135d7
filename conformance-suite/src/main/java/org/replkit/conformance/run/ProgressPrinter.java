package org.replkit.conformance.run;

import java.io.PrintStream;
import java.util.function.Consumer;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.Text;
import org.replkit.spec.Outcome;
import org.replkit.spec.RequirementCatalogue;

/** One line per check as it ends: outcome, requirement, level, endpoint, what, elapsed. */
public final class ProgressPrinter implements Consumer<CheckOutcome> {

    private final PrintStream out;
    private final long start = System.nanoTime();

    public ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void accept(CheckOutcome o) {
        String mark = switch (o.outcome()) {
            case PASSED -> "pass";
            case FAILED -> "FAIL";
            case CANT_TELL -> "?   ";
            case INAPPLICABLE -> "n/a ";
        };
        String level = RequirementCatalogue.get().find(o.requirementId()).map(r -> r.level().name()).orElse("?");
        double elapsed = (System.nanoTime() - start) / 1e9;
        String detail = o.outcome() == Outcome.PASSED ? o.title() + " (" + o.millis() + " ms)"
                : o.outcome() == Outcome.CANT_TELL ? "cannot tell: " + Text.firstLine(o.message(), 160)
                : o.outcome() == Outcome.INAPPLICABLE ? Text.firstLine(o.message(), 160)
                : o.title() + ": " + Text.firstLine(o.message(), 160);
        if (o.outcome() == Outcome.FAILED && o.casesRun() > 1) {
            int failed = o.failingCases().size();
            detail += " [" + failed + " of " + o.casesRun() + " cases failed]";
        }
        synchronized (out) {
            out.printf("  %-4s %-15s %-6s %-8s %s  [%.1f s]%n", mark, o.requirementId(), level, o.endpoint(), detail, elapsed);
            // Every other failing case, one line each: fixing the first does not hide the next.
            o.failingCases().stream().skip(1).forEach(c ->
                    out.printf("       also failed: %s: %s%n", c.name(), Text.firstLine(c.message(), 160)));
            out.flush();
        }
    }
}
