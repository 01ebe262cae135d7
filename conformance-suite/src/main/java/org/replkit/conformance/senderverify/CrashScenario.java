package org.replkit.conformance.senderverify;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.replkit.conformance.model.Exchange;
import org.replkit.spec.SyncTable;

/**
 * SND-CRASH-01: with requests in flight (their answers held), the sender is restarted by
 * --restart-cmd; every record must still be acknowledged after the restart. Without --restart-cmd
 * the kit cannot crash the sender: inapplicable.
 */
public final class CrashScenario extends SenderScenario {

    static final int RECORDS = 3;
    /** How long after the restart every record must be acknowledged: a lost request may wait for a grace period first. */
    static final Duration AFTER_RESTART = Duration.ofSeconds(90);
    private static final Duration RESTART_LIMIT = Duration.ofMinutes(3);

    public CrashScenario() {
        super("SND-CRASH-01", Phase.DISRUPTIVE,
                "changes whose requests are in flight when the sender restarts are still delivered");
    }

    @Override
    public Optional<String> inapplicable(ScenarioContext c) {
        return c.restartCommand() == null ? Optional.of("no --restart-cmd: the kit cannot restart the sender") : Optional.empty();
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        long hold = Math.max(200, c.timing().timeout().toMillis() * 8 / 10);
        // One record answered first: a sender may send one request at a time to a receiver it never heard
        // from (SND-PAUSE-01's fan-out rule), and the crash is to catch several records in flight.
        c.firstArrival(c.receiver(SyncTable.PATTERNS), UUID.randomUUID(), " before the crash");
        Thread.sleep(c.timing().cadence().toMillis() + 1000); // the sender reads the answer at its next tick
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            c.receiver(SyncTable.PATTERNS).script(id.toString(),
                    (attempt, request) -> attempt == 1 ? Reply.ok(id.toString()).held(hold) : Reply.ok(id.toString()));
            c.insert(SyncTable.PATTERNS, id);
        }
        List<Arrival> first = c.awaitCount(SyncTable.PATTERNS, ids.get(0), 1, c.timing().arrivalBound().multipliedBy(3));
        if (first.isEmpty()) {
            return Judgement.cantTell("no request arrived to crash the sender under (SND-CAD-01's to judge)", List.of());
        }
        Instant restart = Instant.now();
        String problem = restart(c.restartCommand());
        if (problem != null) {
            return Judgement.cantTell(problem, List.of());
        }
        List<String> lost = new ArrayList<>();
        List<Exchange> evidence = new ArrayList<>();
        for (UUID id : ids) {
            List<Arrival> got = c.await(SyncTable.PATTERNS, id,
                    a -> a.stream().anyMatch(x -> x.acknowledged() && x.at().isAfter(restart) && x.heldMillis() == 0),
                    Duration.between(Instant.now(), restart.plus(AFTER_RESTART)));
            if (got.stream().noneMatch(x -> x.acknowledged() && x.at().isAfter(restart) && x.heldMillis() == 0)) {
                lost.add("record " + id + " was not delivered after the restart");
                evidence.addAll(c.evidence(got, id));
            }
        }
        return Judgement.passedUnless(lost,
                "every record in flight at the restart acknowledged within " + ScenarioContext.seconds(AFTER_RESTART) + " of it", evidence);
    }

    /** @return why the restart failed (the kit's trouble), or null */
    private static String restart(String command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(RESTART_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "--restart-cmd did not end within " + RESTART_LIMIT.toSeconds() + " s";
            }
            return p.exitValue() == 0 ? null : "--restart-cmd exited " + p.exitValue();
        } catch (IOException e) {
            return "cannot run --restart-cmd: " + e.getMessage();
        }
    }
}
