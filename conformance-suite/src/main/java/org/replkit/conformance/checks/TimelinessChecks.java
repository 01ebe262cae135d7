package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.replkit.conformance.checks.support.BadInput;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.Receiver;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.Snapshots;
import org.replkit.spec.Level;

/** Answers arrive well inside the sender's 5 s timeout, also under a burst. */
public class TimelinessChecks {

    /** A large but acceptable record: a quarter MiB of text, under the 1 MiB limit. */
    static final int LARGE_TEXT = 256 * 1024;

    @RequirementCheck(id = "SYNC-TIME-01", level = Level.MUST,
            title = "inserts, updates, a 256 KiB record and client mistakes are each answered within 5 s")
    void everyAnswerWithinTheTimeout(Receiver r) {
        Duration limit = r.target().settings().deliveryTimeout();
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(r.deliver(Samples.fresh(r.kind())));
        }
        Snapshots s = new Snapshots(r.kind(), UUID.randomUUID(), Instant.now().minusSeconds(60), Duration.ofSeconds(1));
        for (int v = 0; v < 3; v++) {
            answers.add(r.deliver(s.version(v), v == 0 ? "INSERT" : "UPDATE"));
        }
        ObjectNode large = Samples.fresh(r.kind());
        large.put(r.kind() == org.replkit.conformance.model.EndpointKind.PATTERNS ? "description" : "x_notes",
                "a".repeat(LARGE_TEXT));
        answers.add(r.deliver(large));
        for (BadInput input : BadInput.battery(r.kind()).subList(0, 3)) {
            answers.add(input.sendTo(r));
        }
        Answer slowest = answers.stream().max(Comparator.comparingLong(a -> a.answered() ? a.millis() : Long.MAX_VALUE)).orElseThrow();
        Expect.that(slowest.answered() && slowest.millis() < limit.toMillis(), "the slowest answer took "
                + (slowest.answered() ? slowest.millis() + " ms" : "longer than the client waited (" + slowest.exchange().error() + ")")
                + "; the sender gives up after " + limit.toMillis() + " ms", slowest);
    }

    @RequirementCheck(id = "SYNC-TIME-02", level = Level.SHOULD,
            title = "a burst of 50 concurrent deliveries is answered 200, each within 1 s")
    void burstAnsweredQuickly(Receiver r) {
        int n = r.target().settings().burstSize();
        Duration limit = r.target().settings().burstLimit();
        r.burst(5); // warms the client and the receiver; only the burst after it is timed
        List<Answer> answers = r.burst(n);
        for (Answer a : answers) {
            Expect.status(a, 200, "a delivery in a burst of " + n);
        }
        Answer slowest = answers.stream().max(Comparator.comparingLong(Answer::millis)).orElseThrow();
        if (slowest.millis() >= limit.toMillis()) {
            long late = answers.stream().filter(a -> a.millis() >= limit.toMillis()).count();
            throw CheckFailure.of(late + " of " + n + " concurrent deliveries took " + limit.toMillis()
                    + " ms or more; the slowest took " + slowest.millis() + " ms", slowest);
        }
    }
}
