package org.replkit.conformance.checks.support;

import java.util.ArrayList;
import java.util.List;
import org.replkit.conformance.model.CannotTell;

/**
 * A check made of several cases (each violation a rule forbids, each client mistake it owns): every
 * case runs, and every failing case is kept with its own reason, evidence and smallest example, so a
 * receiver that breaks two cases of one requirement sees both. The first failing case decides the
 * outcome. A case that cannot tell is noted and the others go on.
 */
public final class Cases {

    private final Target target;
    private final Unobserved unobserved;
    private final List<CheckFailure> failures = new ArrayList<>();
    private int run;

    /** @param target the check's target, which tallies the cases run for the report */
    public Cases(Target target, Unobserved unobserved) {
        this.target = target;
        this.unobserved = unobserved;
    }

    /** Runs one case, named in a few words for the report. */
    public void run(String name, Runnable oneCase) {
        run++;
        target.countCase();
        try {
            oneCase.run();
        } catch (CheckFailure f) {
            failures.add(f.inCase(name));
        } catch (CannotTell e) {
            unobserved.note(e);
        }
    }

    /** Fails with the first failing case (carrying every one), if any failed; else returns. */
    public void finish() {
        if (!failures.isEmpty()) {
            throw CheckFailure.firstOf(failures, run);
        }
    }
}
