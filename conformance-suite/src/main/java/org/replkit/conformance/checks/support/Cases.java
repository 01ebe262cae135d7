package org.replkit.conformance.checks.support;

import java.util.ArrayList;
import java.util.List;
import org.replkit.conformance.model.CannotTell;

/**
 * A check made of several cases (each violation a rule forbids, each client mistake it owns, each
 * boundary value): every case runs, and every failing case is kept with its own reason, evidence and
 * smallest example, so a receiver that breaks two cases of one requirement sees both. The first
 * failing case decides the outcome. A case that throws {@link CannotTell} (the run's deadline, an
 * endpoint too slow to ask further) ends the check, as it would a check of one case: the cases after
 * it are not run, and the check cannot tell unless a case before it failed.
 */
public final class Cases {

    private final Target target;
    private final List<CheckFailure> failures = new ArrayList<>();
    private CannotTell stopped;
    private int run;

    /** @param target the check's target, which tallies the cases run for the report */
    public Cases(Target target) {
        this.target = target;
    }

    /** Runs one case, named in a few words for the report; nothing once a case could not tell. */
    public void run(String name, Runnable oneCase) {
        if (stopped != null) {
            return;
        }
        run++;
        target.countCase();
        try {
            oneCase.run();
        } catch (CheckFailure f) {
            failures.add(f.inCase(name));
        } catch (CannotTell e) {
            stopped = e;
        }
    }

    /** Fails with the first failing case (carrying every one); else cannot tell if a case could not; else returns. */
    public void finish() {
        if (!failures.isEmpty()) {
            throw CheckFailure.firstOf(failures, run);
        }
        if (stopped != null) {
            throw stopped;
        }
    }
}
