package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.replkit.conformance.model.Exchange;
import org.replkit.spec.SyncTable;

/**
 * SND-CAD-01: a committed INSERT of each table, and an UPDATE, each arrive within one cadence plus a
 * timeout (a held pass-mate may delay a pass by that much) plus a second of slack.
 */
public final class CadenceScenario extends SenderScenario {

    public CadenceScenario() {
        super("SND-CAD-01", Phase.PARALLEL,
                "committed changes arrive within cadence + timeout + the wait between passes (+1 s) of their commit");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        Duration bound = c.timing().arrivalBound();
        List<String> late = new ArrayList<>();
        List<Exchange> evidence = new ArrayList<>();
        UUID pattern = UUID.randomUUID();
        UUID metrics = UUID.randomUUID();
        List<ScenarioContext.Change> changes = List.of(c.insert(SyncTable.PATTERNS, pattern), c.insert(SyncTable.METRICS, metrics));
        for (ScenarioContext.Change change : changes) {
            judge(c, change, bound, late, evidence);
        }
        ScenarioContext.Change update = c.update(SyncTable.PATTERNS, pattern, 2);
        judge(c, update, bound, late, evidence);
        return Judgement.passedUnless(late,
                "each change arrives within " + ScenarioContext.seconds(bound) + " of its commit", evidence);
    }

    private static void judge(ScenarioContext c, ScenarioContext.Change change, Duration bound, List<String> late,
                              List<Exchange> evidence) throws InterruptedException {
        List<Arrival> got = c.await(change.table(), change.id(), a -> first(a, change).isPresent(), bound.multipliedBy(3));
        Optional<Arrival> first = first(got, change);
        String what = (change.insert() ? "the INSERT" : "the UPDATE") + " of " + change.table().tableName() + " record " + change.id();
        if (first.isEmpty()) {
            late.add(what + " did not arrive within " + ScenarioContext.seconds(bound.multipliedBy(3)));
            evidence.addAll(c.evidence(got, change.id()));
            return;
        }
        Duration took = Duration.between(change.committedAt(), first.get().at());
        if (took.compareTo(bound) > 0) {
            late.add(what + " arrived " + ScenarioContext.seconds(took) + " after its commit");
            evidence.add(first.get().evidence(change.committedAt(), null));
        }
    }

    /** The first request carrying this snapshot (or a newer one: a newer snapshot delivers it too). */
    private static Optional<Arrival> first(List<Arrival> arrivals, ScenarioContext.Change change) {
        return arrivals.stream().filter(a -> a.version().orElse(-1L) >= change.version()).findFirst();
    }
}
