package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.model.SenderLink;
import org.replkit.conformance.records.Snapshots;
import org.replkit.spec.Level;

/** The real path: a row inserted into the sender database reaches the receiver under test. */
public class EndToEndChecks {

    /** Several cadences (5 s) and a retry's backoff: a slow but working path still passes. */
    static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);

    /** The condition, on the sender's audit trail: the row's item ended success, answered 200. */
    static void auditedAsSuccess(SenderLink.Delivery d) {
        Expect.that("success".equals(d.queueStatus()) && Integer.valueOf(200).equals(d.httpStatus()),
                "the sender's audit trail says " + d.queueStatus() + " (HTTP " + d.httpStatus() + "): " + d.detail());
    }

    @RequirementCheck(id = "E2E-01", level = Level.MUST,
            title = "a row inserted into the sender database is delivered by trigger, pg_cron and pg_net and audited as success")
    void rowTravelsThroughTheSender(ReceiverUnderTest r) throws Exception {
        SenderLink sender = r.target().session().targets().senderLink().orElseThrow();
        Snapshots s = new Snapshots(r.kind(), UUID.randomUUID(), Instant.now().minusSeconds(3600), Duration.ofMinutes(1));
        ObjectNode row = s.version(1);
        SenderLink.Delivery d = sender.insertAndAwait(r.kind(), r.url().toString(), r.target().token(),
                r.target().signingSecret(), row.toString(), DELIVERY_WAIT);
        auditedAsSuccess(d);
        // The receiver holds the row the sender delivered: an older snapshot sent directly is stale, and
        // its ack shows the delivered row. Judged only where the ack shows it (the ack and stale rules judge the rest).
        Answer stale = r.deliver(s.version(0), "UPDATE");
        JsonNode shown = stale.json().map(j -> j.get(r.kind().ackValueField())).orElse(null);
        if (stale.status() != 200 || shown == null || Snapshots.sameValue(s.ackValue(1), shown)) {
            return;
        }
        if (Snapshots.sameValue(s.ackValue(0), shown)) {
            throw new CannotTell("the sender delivered the row, but the ack of an older snapshot sent afterwards shows the"
                    + " older values: either the receiver does not hold the delivered row, or the stale snapshot overwrote it"
                    + " (SYNC-IDEM-03), or the ack shows delivered values (" + r.ackRequirement() + ")", "SYNC-IDEM-03",
                    java.util.List.of(stale.exchange()));
        }
        throw CheckFailure.of("the receiver does not hold the row the sender delivered: the ack of an older snapshot"
                + " shows " + shown + ", neither the delivered row (" + s.ackValue(1) + ") nor the older one", stale);
    }
}
