package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.replkit.conformance.model.Exchange;
import org.replkit.spec.SyncTable;

/**
 * SND-DELIV-01: records of both tables, each inserted and updated twice in quick succession; every
 * committed snapshot is delivered until a 2xx: each one, or a newer snapshot of its record, is acknowledged.
 */
public final class AtLeastOnceScenario extends SenderScenario {

    static final int VERSIONS = 3;

    public AtLeastOnceScenario() {
        super("SND-DELIV-01", Phase.PARALLEL,
                "every committed change (or a newer snapshot of its record) is delivered until acknowledged");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        List<ScenarioContext.Change> last = new ArrayList<>();
        for (SyncTable table : List.of(SyncTable.PATTERNS, SyncTable.PATTERNS, SyncTable.METRICS)) {
            UUID id = UUID.randomUUID();
            c.insert(table, id);
            ScenarioContext.Change newest = null;
            for (int v = 2; v <= VERSIONS; v++) {
                newest = c.update(table, id, v);
            }
            last.add(newest);
        }
        // One snapshot per cadence per record at worst (a sender that keeps per-record order), each
        // within the arrival bound.
        Duration limit = c.timing().arrivalBound().multipliedBy(VERSIONS + 2L);
        List<String> lost = new ArrayList<>();
        List<Exchange> evidence = new ArrayList<>();
        for (ScenarioContext.Change change : last) {
            List<Arrival> got = c.awaitAcknowledged(change.table(), change.id(), change.version(),
                    Duration.between(java.time.Instant.now(), change.committedAt().plus(limit)));
            long newestAcknowledged = got.stream().filter(Arrival::acknowledged).mapToLong(a -> a.version().orElse(0L)).max().orElse(0);
            if (newestAcknowledged < change.version()) {
                lost.add(change.table().tableName() + " record " + change.id() + ": snapshots "
                        + (newestAcknowledged + 1) + " to " + change.version() + " never acknowledged");
                evidence.addAll(c.evidence(got, change.id()));
            }
        }
        return Judgement.passedUnless(lost,
                "snapshot " + VERSIONS + " of each record acknowledged within " + ScenarioContext.seconds(limit) + " of its commit", evidence);
    }
}
