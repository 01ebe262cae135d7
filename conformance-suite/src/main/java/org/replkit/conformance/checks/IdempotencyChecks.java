package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.replkit.conformance.checks.support.AnswerLosingProxy;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.InputProperty;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.checks.support.Unobserved;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.Snapshots;
import org.replkit.conformance.records.Timestamps;
import org.replkit.spec.Level;

/**
 * Upserts by id, newest updated_at wins. The acknowledgement reports the stored row, which is how
 * a black-box check sees what the receiver holds.
 */
public class IdempotencyChecks {

    private static final int CONCURRENT_DELIVERIES = 10;
    private static final int CONCURRENT_ROUNDS = 3;

    @RequirementCheck(id = "SYNC-IDEM-01", level = Level.MUST,
            title = "the same record delivered three times is answered 200 each time and counted once")
    void sameRecordIsStoredOnce(ReceiverUnderTest r) {
        ObjectNode record = Samples.fresh(r.kind());
        Answer firstAck = r.deliver(record);
        r.acceptedAsObservation(firstAck, "the first delivery of a fresh record");
        long first = r.countOf(firstAck, "first delivery");
        for (int i = 2; i <= 3; i++) {
            Answer again = r.deliver(record);
            Expect.status(again, 200, "delivery #" + i + " of the same record");
            long count = r.countOf(again, "delivery #" + i);
            Expect.that(count == first, "delivery #" + i + " of the same record changed the count from "
                    + first + " to " + count, again);
        }
    }

    @RequirementCheck(id = "SYNC-IDEM-02", level = Level.MUST,
            title = "a newer snapshot replaces the stored one and the ack shows its values")
    void newerSnapshotWins(ReceiverUnderTest r) {
        Snapshots s = new Snapshots(r.kind(), UUID.randomUUID(), Instant.now().minus(1, ChronoUnit.HOURS), Duration.ofSeconds(1));
        deliverInTurn(r, s, 0, new int[] {1, 2}, "the UPDATE to version %d", "an UPDATE of a known record changed the count");
    }

    @RequirementCheck(id = "SYNC-IDEM-03", level = Level.MUST,
            title = "a stale snapshot is answered 200, changes nothing, and the ack shows the stored newer values")
    void staleSnapshotIsIgnored(ReceiverUnderTest r) {
        Snapshots s = new Snapshots(r.kind(), UUID.randomUUID(), Instant.now().minus(1, ChronoUnit.HOURS), Duration.ofMinutes(5));
        deliverInTurn(r, s, 2, new int[] {1, 0}, "a stale snapshot (version %d after version 2)", "a stale snapshot changed the count");
    }

    /**
     * Version {@code first} as an INSERT, each of {@code then} as an UPDATE, then the newest version
     * again: each answered 200, each ack showing the newest version so far, the count unchanged by
     * every UPDATE.
     */
    private static void deliverInTurn(ReceiverUnderTest r, Snapshots s, int first, int[] then, String update, String countChanged) {
        Answer inserted = r.deliver(s.version(first), "INSERT");
        r.acceptedAsObservation(inserted, "version " + first + " of a fresh record");
        Unobserved unobserved = new Unobserved();
        Long[] count = {null};
        unobserved.part(() -> count[0] = r.countOf(inserted, "version " + first));
        int newest = first;
        for (int v : then) {
            newest = Math.max(newest, v);
            String what = update.formatted(v);
            Answer a = r.deliver(s.version(v), "UPDATE");
            Expect.status(a, 200, what);
            showsVersion(r, a, s, newest, v, "the ack of " + what);
            if (count[0] != null) {
                unobserved.part(() -> Expect.equal(count[0], r.countOf(a, what), countChanged, a));
            }
        }
        Answer again = r.deliver(s.version(newest), "UPDATE");
        Expect.status(again, 200, "version " + newest + " delivered again");
        showsVersion(r, again, s, newest, newest, "version " + newest + " delivered again after the others");
        unobserved.finish();
    }

    @RequirementCheck(id = "SYNC-IDEM-04", level = Level.MUST,
            title = "10 concurrent deliveries of one record are all answered 200 and store it once")
    void concurrentDeliveriesStoreOnce(ReceiverUnderTest r) {
        for (int round = 1; round <= CONCURRENT_ROUNDS; round++) {
            long before = r.countWithFreshRecord("before round " + round);
            ObjectNode record = Samples.fresh(r.kind());
            List<Answer> answers = r.burstOf(record, CONCURRENT_DELIVERIES);
            for (Answer a : answers) {
                Expect.status(a, 200, "one of " + CONCURRENT_DELIVERIES + " concurrent deliveries of one record");
            }
            Answer after = r.deliver(record);
            r.acceptedAsObservation(after, "the record delivered once more after the concurrent ones", "SYNC-IDEM-01");
            long count = r.countOf(after, "the record delivered once more after the concurrent ones");
            Expect.equal(before + 1, count, CONCURRENT_DELIVERIES + " concurrent deliveries of one record left "
                    + (count - before) + " records (count " + before + " before, " + count + " after)", after);
        }
    }

    @RequirementCheck(id = "SYNC-IDEM-05", level = Level.MUST,
            title = "stored but the answer lost (connection reset): the retry is answered 200 and the record stored once")
    void retryAfterLostAnswer(ReceiverUnderTest r) {
        long before = r.countWithFreshRecord("before the lost answer");
        ObjectNode record = Samples.fresh(r.kind());
        try (AnswerLosingProxy proxy = new AnswerLosingProxy(r.url())) {
            ReceiverUnderTest viaProxy = r.through(proxy.through(r.url()));
            Answer lost = viaProxy.deliver(record);
            if (lost.answered()) {
                throw new CannotTell("the kit's proxy was to drop the first answer, but it arrived: the kit's own trouble");
            }
            Integer first = proxy.firstReceiverStatus(r.target().settings().clientTimeout())
                    .orElseThrow(() -> new CannotTell("the kit's proxy did not report the receiver's answer to the first"
                            + " delivery in time: the kit's own trouble, not the receiver's"));
            if (first != 200) {
                throw new CannotTell("the first delivery of a fresh valid record was answered " + first
                        + " by the receiver, so there was no stored record whose answer got lost (SYNC-ACCEPT-01 judges that)",
                        "SYNC-ACCEPT-01", List.of(lost.exchange()));
            }
            Answer retry = viaProxy.deliver(record);
            Expect.status(retry, 200, "the sender's retry after the lost answer");
            long count = r.countOf(retry, "the retry");
            Expect.equal(before + 1, count, "after the lost answer and the retry the count is " + count
                    + "; expected " + (before + 1) + ": the record must be stored once", lost, retry);
        }
    }

    @RequirementCheck(id = "SYNC-IDEM-06", level = Level.MUST,
            title = "any sequence of duplicates, INSERT/UPDATE repeats and reordered snapshots leaves the newest of each record")
    void anySequenceLeavesTheNewestSnapshots(ReceiverUnderTest r) {
        Gen<Op> ops = SourceDSL.integers().between(0, 2).zip(SourceDSL.integers().between(0, 3),
                Generate.pick(List.of("INSERT", "UPDATE")), Generate.pick(Timestamps.OFFSETS), Op::new);
        Gen<Duration> steps = Generate.pick(List.of(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMillis(1),
                Duration.ofNanos(1000)));
        Gen<Sequence> sequences = SourceDSL.lists().of(ops).ofSizeBetween(1, 10).zip(steps, Sequence::new)
                .describedAs(Sequence::toString);
        // Known traps first: the text of timestamps in different offsets sorts differently from the
        // instants; sub-millisecond steps; an INSERT retried after an UPDATE.
        List<Sequence> traps = List.of(
                new Sequence(List.of(new Op(0, 0, "INSERT", "+09:00"), new Op(0, 1, "UPDATE", "Z")), Duration.ofSeconds(1)),
                new Sequence(List.of(new Op(0, 1, "INSERT", "-05:30"), new Op(0, 0, "UPDATE", "+02:00")), Duration.ofHours(1)),
                new Sequence(List.of(new Op(0, 0, "INSERT", "Z"), new Op(0, 2, "UPDATE", "Z"), new Op(0, 1, "UPDATE", "Z")),
                        Duration.ofNanos(1000)),
                new Sequence(List.of(new Op(0, 0, "INSERT", "Z"), new Op(0, 1, "UPDATE", "Z"), new Op(0, 0, "INSERT", "Z")),
                        Duration.ofMillis(1)));
        for (Sequence trap : traps) {
            newestSnapshotsWin(r, trap);
        }
        InputProperty.check(r.target(), sequences, seq -> newestSnapshotsWin(r, seq));
    }

    private static void newestSnapshotsWin(ReceiverUnderTest r, Sequence seq) {
        Instant base = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<Integer, Snapshots> records = new HashMap<>();
        Map<Integer, Integer> newest = new HashMap<>();
        long before = r.countWithFreshRecord("before the sequence");
        for (Op op : seq.ops()) {
            Snapshots s = records.computeIfAbsent(op.record(), i -> new Snapshots(r.kind(), UUID.randomUUID(), base, seq.step()));
            newest.merge(op.record(), op.version(), Math::max);
            Answer a = r.deliver(s.version(op.version(), op.offset()), op.event());
            Expect.status(a, 200, op + " in " + seq);
            int expected = newest.get(op.record());
            showsVersion(r, a, s, expected, op.version(), "after " + op + " in " + seq + " the ack");
            long count = r.countOf(a, op.toString());
            Expect.equal(before + records.size(), count, "after " + op + " in " + seq + " the count is " + count
                    + "; expected " + (before + records.size()) + " (" + records.size() + " distinct records)", a);
        }
    }

    /**
     * The ack must show the newest snapshot delivered so far. The kit sees only the ack, never the
     * store, so a failure says what was seen and what it can mean.
     *
     * @param newest    the newest version of the record delivered so far
     * @param delivered the version this delivery carried
     */
    static void showsVersion(ReceiverUnderTest r, Answer a, Snapshots s, int newest, int delivered, String what) {
        JsonNode shown = r.ackValue(a);
        if (Snapshots.sameValue(s.ackValue(newest), shown)) {
            return;
        }
        String field = r.kind().ackValueField();
        Integer seen = s.versionOf(shown);
        String observed = what + " shows " + field + " " + shown
                + (seen == null ? ", the value of no version sent" : ", the value of version " + seen)
                + "; the newest version delivered so far is " + newest + " (" + s.ackValue(newest) + ").";
        String meaning;
        if (seen != null && seen == delivered && delivered < newest) {
            meaning = " Either this stale snapshot overwrote the newer one, or the acknowledgement shows the delivered"
                    + " values rather than the stored row (" + r.ackRequirement() + ")";
        } else if (seen != null && seen < newest) {
            meaning = " Either the newer snapshot was not stored, or the acknowledgement shows an older row than the one stored";
        } else {
            meaning = " The acknowledgement does not show the stored row";
        }
        throw new CheckFailure(observed + meaning + ".", String.valueOf(s.ackValue(newest)), String.valueOf(shown),
                List.of(a.exchange()));
    }

    /** Deliver version {@code version} of record {@code record} as {@code event}, timestamps in {@code offset}. */
    record Op(int record, int version, String event, String offset) {
        @Override
        public String toString() {
            return "r" + record + "v" + version + " " + event + " (" + offset + ")";
        }
    }

    /** Deliveries in order; versions are {@code step} apart. */
    record Sequence(List<Op> ops, Duration step) {
        @Override
        public String toString() {
            return "[" + ops.stream().map(Op::toString).collect(Collectors.joining(", ")) + "] versions " + step + " apart";
        }
    }
}
