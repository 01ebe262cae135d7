package org.replkit.chaos.history;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One line of the history file (JSON Lines, field {@code type} names the kind). The run writes what
 * happened as it happens (commits, faults, wire exchanges) and, once the queue has drained, what it
 * observed (the sender's audit trail, the receiver's rows, the re-deliveries); the checker reads
 * nothing but this file.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Event.Run.class, name = "run"),
    @JsonSubTypes.Type(value = Event.Fault.class, name = "fault"),
    @JsonSubTypes.Type(value = Event.Commit.class, name = "commit"),
    @JsonSubTypes.Type(value = Event.CommitFailed.class, name = "commit_failed"),
    @JsonSubTypes.Type(value = Event.Wire.class, name = "wire"),
    @JsonSubTypes.Type(value = Event.Drain.class, name = "drain"),
    @JsonSubTypes.Type(value = Event.Item.class, name = "item"),
    @JsonSubTypes.Type(value = Event.Attempt.class, name = "attempt"),
    @JsonSubTypes.Type(value = Event.Tick.class, name = "tick"),
    @JsonSubTypes.Type(value = Event.InstanceCounters.class, name = "instance"),
    @JsonSubTypes.Type(value = Event.SenderRow.class, name = "sender_row"),
    @JsonSubTypes.Type(value = Event.SenderWrites.class, name = "sender_writes"),
    @JsonSubTypes.Type(value = Event.ReceiverRow.class, name = "receiver_row"),
    @JsonSubTypes.Type(value = Event.ReceiverCount.class, name = "receiver_count"),
    @JsonSubTypes.Type(value = Event.Redelivery.class, name = "redelivery"),
    @JsonSubTypes.Type(value = Event.SenderPolicy.class, name = "sender_policy"),
    @JsonSubTypes.Type(value = Event.SideLane.class, name = "side_lane"),
    @JsonSubTypes.Type(value = Event.InstanceState.class, name = "instance_state"),
    @JsonSubTypes.Type(value = Event.MarkerDelivery.class, name = "marker"),
    @JsonSubTypes.Type(value = Event.RunEnded.class, name = "end"),
})
public sealed interface Event {

    /** The sender's timing during the run. */
    record Timing(int cadenceS, int timeoutMs, List<Double> backoffS, int maxRetries, int lostGraceS) {}

    /** One receiver instance: its lane in the report, its table, its registration and where it is reached. */
    record Lane(String lane, String table, UUID instanceId, String proxyUrl, String receiverUrl) {}

    /**
     * The run's settings. {@code receiverKeepsData}: whether the receiver's store is meant to survive a
     * restart of its process (a PostgreSQL store does, an in-memory one does not).
     */
    record Run(Instant t, long seed, double durationS, double rowsPerSecond, double updateShare, Timing timing,
               String receiver, boolean receiverKeepsData, List<Lane> lanes, List<String> faultKinds,
               Map<String, String> faultsLeftOut) implements Event {}

    /**
     * How the sender treats a receiver that is down as a whole: "pause" (its items wait, probes go
     * out, it resumes by itself) or "fail" (the spec's literal schedule: 3 retries, then failed).
     * {@code note}: set when the sender has no such setting and behaves as "fail".
     */
    record SenderPolicy(Instant t, String outagePolicy, String note) implements Event {}

    /**
     * A receiver instance beside the lanes under test, judged by its own property only: role "gone"
     * (the instance the gone fault removes), "fan-out" (one of the fan-out case's instances) or
     * "fan-out-black-hole" (the fan-out instance whose requests are never answered). Its deliveries go
     * to a sink of the kit's, not to the receivers under test.
     */
    record SideLane(String lane, String role, String table, UUID instanceId, String proxyUrl) implements Event {}

    /** An instance's delivery state at the end (active, paused, deactivated), where the sender keeps one. */
    record InstanceState(String lane, UUID instanceId, String state, String reason) implements Event {}

    /**
     * A fault window. {@code delayMs}: for latency, how long each request was held; for overload, the
     * Retry-After given. phase: planned (from the schedule, before the run), start, end (when it actually
     * began and ended), error (the nemesis could not apply it).
     */
    record Fault(Instant t, int window, String kind, String target, String phase, double atS, double lengthS,
                 Long delayMs, String note) implements Event {}

    /** A write the sender database acknowledged (or, with a note, one found committed afterwards). */
    record Commit(Instant t, long seq, String table, String op, UUID id, Instant updatedAt, JsonNode row, String note)
            implements Event {}

    /** A write that did not commit; {@code unknown}: its outcome was unknown at the time and was looked up afterwards. */
    record CommitFailed(Instant t, long seq, String table, String op, UUID id, String error, boolean unknown)
            implements Event {}

    /** One request through the fault proxy (see the proxy's Exchange). */
    record Wire(Instant t, String lane, long connection, UUID recordId, String eventType, Instant updatedAt, Long seq,
                String fault, Instant forwarded, Integer receiverStatus, Long receiverCount, Long receiverSeq,
                String outcome, String detail, Instant done) implements Event {}

    /** The wait for the queue to settle after the faults stopped. */
    record Drain(Instant t, boolean settled, double waitedS, long open) implements Event {}

    /** One audit-trail item (replication_queue row) as it ended. */
    record Item(long queueId, String lane, UUID instanceId, String table, UUID recordId, String eventType,
                Instant updatedAt, Long seq, String status, int attempts, Integer lastStatusCode, String lastError,
                Instant createdAt, Instant completedAt) implements Event {}

    /** One delivery attempt from the audit trail (replication.delivery_attempts). */
    record Attempt(long queueId, int attempt, long requestId, Instant sentAt, Instant finishedAt, Integer statusCode,
                   String error) implements Event {}

    /** One dispatch tick of the sender (pg_cron's run of replication.tick()), from cron.job_run_details. */
    record Tick(Instant start, Instant end, String status) implements Event {}

    /** An instance's counters in the registry at the end. */
    record InstanceCounters(String lane, UUID instanceId, long successCount, long errorCount, String lastError,
                            Instant lastSyncAt) implements Event {}

    /** A record as the sender holds it at the end: its newest snapshot. */
    record SenderRow(String table, UUID id, Instant updatedAt, Long seq, JsonNode row) implements Event {}

    /** The write numbers the sender's own write log holds at the end (committed writes survive a crash). */
    record SenderWrites(List<Long> seqs) implements Event {}

    /** A record as the receiver's store holds it, read directly after the drain. */
    record ReceiverRow(String lane, UUID id, boolean present, Instant updatedAt, Long seq, JsonNode row) implements Event {}

    /** The receiver's record count: from its store ("store") or from the last acknowledgement of the re-delivery pass ("ack"). */
    record ReceiverCount(String lane, String source, long count) implements Event {}

    /**
     * One re-delivery after the drain, straight to the receiver. which: "oldest" (the record's first
     * snapshot, a stale one for a correct receiver that holds a newer one: its acknowledgement shows what
     * is stored) or "newest".
     */
    record Redelivery(Instant t, String lane, UUID id, String which, Instant updatedAt, long seq, Integer status,
                      Long ackSeq, Long ackCount, String error) implements Event {}

    /**
     * A delivery of the kit's marker record (the same id and body every run) straight to the receiver.
     * phase "before": sent before the writes; the count in its acknowledgement is the receiver's count
     * at the start, which the counts are judged against (a receiver in use is never empty). phase
     * "again": sent before the re-delivery pass, so that a receiver which lost it in a kill holds it again.
     */
    record MarkerDelivery(Instant t, String lane, UUID id, String phase, Integer status, Long ackCount, String error)
            implements Event {}

    record RunEnded(Instant t, String note) implements Event {}
}
