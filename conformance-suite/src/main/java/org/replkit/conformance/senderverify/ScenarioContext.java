package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.replkit.conformance.model.CannotTell;
import org.replkit.spec.SyncTable;
import org.replkit.spec.WebhookSignature;

/**
 * What the scenarios share: the sender (its database, the SQL that writes rows), the scripted
 * receivers (one per table; patterns behind a {@link ConnectionWatch}), the expected timing, and the
 * log of every change the kit committed.
 */
public final class ScenarioContext {

    /** One committed change: a snapshot of a record. */
    public record Change(SyncTable table, UUID id, int version, boolean insert, Instant committedAt) {}

    private final SenderUnderTest sender;
    private final SenderTableWriter writer;
    private final ScriptedReceiver patterns;
    private final ScriptedReceiver metrics;
    private final ConnectionWatch watch;
    private final ExpectedTiming timing;
    private final String restartCommand;
    private final boolean replicationSchema;
    private final List<Change> changes = new ArrayList<>();
    private final Registration registration;
    /** Receivers a scenario registered for itself, with the instance id where the sender tells it. */
    private final Map<ScriptedReceiver, Optional<String>> ownReceivers = new LinkedHashMap<>();

    public ScenarioContext(SenderUnderTest sender, SenderTableWriter writer, ScriptedReceiver patterns, ScriptedReceiver metrics,
                           ConnectionWatch watch, ExpectedTiming timing, String restartCommand, boolean replicationSchema,
                           Registration registration) {
        this.registration = registration;
        this.sender = sender;
        this.writer = writer;
        this.patterns = patterns;
        this.metrics = metrics;
        this.watch = watch;
        this.timing = timing;
        this.restartCommand = restartCommand;
        this.replicationSchema = replicationSchema;
    }

    public SenderUnderTest sender() {
        return sender;
    }

    public ExpectedTiming timing() {
        return timing;
    }

    public ConnectionWatch watch() {
        return watch;
    }

    public String restartCommand() {
        return restartCommand;
    }

    public boolean hasReplicationSchema() {
        return replicationSchema;
    }

    /** The verifier of the run's signing secret, or empty when the run has none. */
    public Optional<WebhookSignature> signature() {
        return registration.signature();
    }

    /**
     * A scripted receiver of the scenario's own, registered with the sender like the shared ones: a
     * scenario that takes its receiver down, or answers 410, disturbs no other scenario. Closed at the
     * end of the run.
     */
    public ScriptedReceiver ownReceiver(SyncTable table) throws SQLException {
        ScriptedReceiver r = new ScriptedReceiver(table);
        synchronized (ownReceivers) {
            ownReceivers.put(r, Optional.empty());
        }
        Optional<String> id = registration.register(sender, table, r.registeredUrl());
        if (id.isEmpty() && replicationSchema) {
            id = AuditTrailScenario.instanceOf(this, r.registeredUrl());
        }
        synchronized (ownReceivers) {
            ownReceivers.put(r, id);
        }
        return r;
    }

    /** The sender's instance id of a receiver of the scenario's own, where the sender has the replication schema. */
    public Optional<String> instanceOf(ScriptedReceiver own) {
        synchronized (ownReceivers) {
            return ownReceivers.getOrDefault(own, Optional.empty());
        }
    }

    /** The instance's status (replication.get_instance_status), where the sender has the replication schema. */
    public Optional<JsonNode> status(ScriptedReceiver own) throws SQLException {
        Optional<String> id = instanceOf(own);
        if (!replicationSchema || id.isEmpty()) {
            return Optional.empty();
        }
        return sender.json("SELECT replication.get_instance_status(?::uuid)::text", id.get());
    }

    /** Stops the scenarios' own receivers (after the registration was taken back). */
    void closeOwnReceivers() {
        synchronized (ownReceivers) {
            ownReceivers.keySet().forEach(ScriptedReceiver::close);
            ownReceivers.clear();
        }
    }

    public ScriptedReceiver receiver(SyncTable table) {
        return table == SyncTable.PATTERNS ? patterns : metrics;
    }

    public List<ScriptedReceiver> receivers() {
        return List.of(patterns, metrics);
    }

    /** Commits a new record at version 1. */
    public Change insert(SyncTable table, UUID id) throws SQLException {
        return commit(table, id, 1, true);
    }

    /** Commits a newer snapshot of the record. */
    public Change update(SyncTable table, UUID id, int version) throws SQLException {
        return commit(table, id, version, false);
    }

    private Change commit(SyncTable table, UUID id, int version, boolean insert) throws SQLException {
        Instant at = sender.commit(writer.sql(table, insert, id, version));
        Change c = new Change(table, id, version, insert, at);
        synchronized (changes) {
            changes.add(c);
        }
        return c;
    }

    public List<Change> changes() {
        synchronized (changes) {
            return List.copyOf(changes);
        }
    }

    /** The requests about the record so far. */
    public List<Arrival> arrivals(SyncTable table, UUID id) {
        return receiver(table).arrivals(id.toString());
    }

    /**
     * Waits until the record's requests satisfy {@code done} or {@code limit} has passed.
     *
     * @return the record's requests at that moment
     */
    public List<Arrival> await(SyncTable table, UUID id, Predicate<List<Arrival>> done, Duration limit)
            throws InterruptedException {
        return receiver(table).await(id, done, limit);
    }

    /**
     * Commits a new record and waits (three arrival bounds) for its first request at the receiver.
     *
     * @param so what its never arriving keeps from being seen, e.g. ", so no 400 could be answered", or ""
     * @return the record's requests, at least one
     * @throws CannotTell when none came: SND-CAD-01's to judge
     */
    public List<Arrival> firstArrival(ScriptedReceiver receiver, UUID id, String so) throws SQLException, InterruptedException {
        insert(receiver.table(), id);
        List<Arrival> got = receiver.await(id, a -> !a.isEmpty(), timing.arrivalBound().multipliedBy(3));
        if (got.isEmpty()) {
            throw neverReached(receiver, id, so);
        }
        return got;
    }

    /**
     * Commits a new record and waits (three arrival bounds) for the receiver's next request, of any
     * record: the sender sends the instance's items oldest first (a receiver it never heard from one at
     * a time), and a receiver that fails them all may be paused before this record's turn, so the next
     * request may carry a record of the table another scenario committed meanwhile.
     *
     * @return the moment of the receiver's first request since the commit
     * @throws CannotTell when none came: SND-CAD-01's to judge
     */
    public Instant firstRequest(ScriptedReceiver receiver, UUID id, String so) throws SQLException, InterruptedException {
        Instant from = Instant.now();
        insert(receiver.table(), id);
        return Poll.until(from.plus(timing.arrivalBound().multipliedBy(3)), Duration.ofMillis(50),
                () -> receiver.arrivals().stream().filter(a -> !a.at().isBefore(from)).findFirst(), Optional::isPresent)
                .orElseThrow(() -> neverReached(receiver, id, so)).at();
    }

    private CannotTell neverReached(ScriptedReceiver receiver, UUID id, String so) {
        Optional<JsonNode> status;
        try {
            status = status(receiver);
        } catch (SQLException e) {
            status = Optional.empty();
        }
        return new CannotTell(receiver.table().tableName() + " record " + id + " never reached the receiver" + so
                + " (SND-CAD-01's to judge)" + status.map(st -> "; replication.get_instance_status: " + st).orElse(""),
                "SND-CAD-01", List.of());
    }

    /** Waits for at least n requests about the record. */
    public List<Arrival> awaitCount(SyncTable table, UUID id, int n, Duration limit) throws InterruptedException {
        return await(table, id, a -> a.size() >= n, limit);
    }

    /** Waits for an acknowledged request carrying at least this version. */
    public List<Arrival> awaitAcknowledged(SyncTable table, UUID id, int version, Duration limit) throws InterruptedException {
        return await(table, id, a -> a.stream().anyMatch(x -> x.acknowledged() && x.version().orElse(-1L) >= version), limit);
    }

    /** The commit of this snapshot, for evidence. */
    public Instant committedAt(UUID id, long version) {
        return changes().stream().filter(c -> c.id().equals(id) && c.version() == version).map(Change::committedAt)
                .findFirst().orElse(null);
    }

    /** Evidence: each request about the record, against the commit of the snapshot it carried. */
    public List<org.replkit.conformance.model.Exchange> evidence(List<Arrival> arrivals, UUID id) {
        Instant first = changes().stream().filter(c -> c.id().equals(id)).map(Change::committedAt).findFirst().orElse(null);
        return arrivals.stream().map(a -> a.evidence(a.version().map(v -> committedAt(id, v)).orElse(first), null)).toList();
    }

    /** Sleeps until the moment (at once when it has passed). */
    static void sleepUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.2f s", d.toMillis() / 1000.0);
    }
}
