package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.replkit.conformance.checks.support.BadInput;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.RetryAfter;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.Snapshots;
import org.replkit.spec.Level;

/**
 * Answers arrive well inside the sender's 5 s timeout, also under a burst, and an overloaded
 * receiver sheds rather than answering late. These are the only checks that judge late answers;
 * they stop at the first one, so a slow receiver costs one timeout, not many.
 */
public class TimelinessChecks {

    /** SYNC-SHED-01's burst: four times SYNC-TIME-02's, beyond what a small receiver answers in 5 s. */
    static final int OVERLOAD_BURST = 200;

    /** A large record: a quarter MiB of text. A receiver may take it or refuse it (413), but answers in time. */
    static final int LARGE_TEXT = 256 * 1024;

    @RequirementCheck(id = "SYNC-TIME-01", level = Level.MUST, judgesLateness = true,
            title = "inserts, updates, a 256 KiB record and client mistakes are each answered within 5 s")
    void everyAnswerWithinTheTimeout(ReceiverUnderTest r) {
        Duration limit = r.target().settings().deliveryTimeout();
        List<Supplier<Answer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            deliveries.add(() -> r.deliver(Samples.fresh(r.kind())));
        }
        Snapshots s = new Snapshots(r.kind(), UUID.randomUUID(), Instant.now().minusSeconds(60), Duration.ofSeconds(1));
        for (int v = 0; v < 3; v++) {
            int version = v;
            deliveries.add(() -> r.deliver(s.version(version), version == 0 ? "INSERT" : "UPDATE"));
        }
        ObjectNode large = Samples.fresh(r.kind());
        large.put(r.kind() == EndpointKind.PATTERNS ? "description" : "x_notes", "a".repeat(LARGE_TEXT));
        deliveries.add(() -> r.deliver(large));
        for (BadInput input : BadInput.notJson(r.kind()).subList(0, 3)) {
            deliveries.add(() -> input.sendTo(r));
        }
        for (Supplier<Answer> delivery : deliveries) {
            answeredInTime(delivery.get(), limit); // SYNC-TIME-01: the first late answer decides
        }
    }

    /** The condition, on one answer: it came within the sender's timeout (a dropped connection is another rule's). */
    static void answeredInTime(Answer a, Duration limit) {
        if (!a.answered() && !a.timedOut()) {
            return;
        }
        if (a.timedOut() || a.millis() >= limit.toMillis()) {
            throw new CheckFailure((a.timedOut() ? "no answer within " + a.millis() + " ms" : "the answer took "
                    + a.millis() + " ms") + "; the sender gives up after " + limit.toMillis() + " ms",
                    "under " + limit.toMillis() + " ms", a.timedOut() ? "no answer" : a.millis() + " ms",
                    List.of(a.exchange()));
        }
    }

    @RequirementCheck(id = "SYNC-TIME-02", level = Level.SHOULD, judgesLateness = true,
            title = "a burst of 50 concurrent deliveries is answered 200, each within 1 s")
    void burstAnsweredQuickly(ReceiverUnderTest r) {
        r.target().session().guard().tooSlow(r.kind()).ifPresent(why -> {
            throw new CannotTell(why, "SYNC-TIME-01", List.of());
        });
        int n = r.target().settings().burstSize();
        Duration limit = r.target().settings().burstLimit();
        r.burst(5); // warms the client and the receiver; only the burst after it is timed
        List<Answer> answers = r.burst(n);
        for (Answer a : answers) {
            r.acceptedAsObservation(a, "a fresh valid record in a burst of " + n);
        }
        Answer slowest = answers.stream().max(Comparator.comparingLong(Answer::millis)).orElseThrow();
        if (slowest.millis() >= limit.toMillis()) {
            long late = answers.stream().filter(a -> a.millis() >= limit.toMillis()).count();
            throw new CheckFailure(late + " of " + n + " concurrent deliveries took " + limit.toMillis()
                    + " ms or more; the slowest took " + slowest.millis() + " ms", "each under " + limit.toMillis() + " ms",
                    slowest.millis() + " ms", List.of(slowest.exchange()));
        }
    }

    @RequirementCheck(id = "SYNC-SHED-01", level = Level.SHOULD, judgesLateness = true,
            title = "a burst of 200 concurrent deliveries: what the receiver cannot answer within 5 s it sheds with 429/503 and Retry-After")
    void overloadIsShedNotAnsweredLate(ReceiverUnderTest r) {
        // No "too slow" guard: late answers are what this check judges, and the burst costs one timeout at most.
        List<Answer> answers = r.burst(OVERLOAD_BURST);
        shedRatherThanLate(answers, r.target().settings().deliveryTimeout()); // SYNC-SHED-01
    }

    /**
     * The condition, on the answers of one burst: nothing shed without a usable Retry-After, nothing
     * answered at or past the sender's timeout (or not at all), and something shed, or else the burst
     * did not overload the receiver and there is nothing to judge. Other statuses are other rules'.
     */
    static void shedRatherThanLate(List<Answer> answers, Duration limit) {
        int n = answers.size();
        Instant now = Instant.now();
        List<Answer> sheddingStatus = answers.stream().filter(a -> a.status() == 429 || a.status() == 503).toList();
        List<Answer> bare = sheddingStatus.stream()
                .filter(a -> RetryAfter.parse(a.header(RetryAfter.HEADER).orElse(null), now).isEmpty()).toList();
        if (!bare.isEmpty()) {
            Answer first = bare.get(0);
            throw new CheckFailure(bare.size() + " of " + n + " concurrent deliveries were answered " + first.status()
                    + " without a usable Retry-After (delta-seconds or an HTTP-date), so the sender cannot tell when to"
                    + " come back", first.status() + " with Retry-After",
                    first.status() + ", Retry-After: " + first.header(RetryAfter.HEADER).orElse("(none)"), List.of(first.exchange()));
        }
        long shed = sheddingStatus.size();
        List<Answer> late = answers.stream().filter(a -> a.timedOut() || a.answered() && a.millis() >= limit.toMillis()).toList();
        if (!late.isEmpty()) {
            Answer slowest = late.stream().max(Comparator.comparingLong(Answer::millis)).orElseThrow();
            throw new CheckFailure(late.size() + " of " + n + " concurrent deliveries were answered at or after the sender's "
                    + limit.toMillis() + " ms timeout, or not at all, " + (shed == 0 ? "and none was shed" : "although " + shed
                    + " were shed") + ": the sender counts each as a failed attempt and sends it again; answer 429 or 503"
                    + " with Retry-After instead", "late deliveries shed with 429/503 and Retry-After",
                    slowest.timedOut() ? "no answer" : slowest.status() + " after " + slowest.millis() + " ms",
                    List.of(slowest.exchange()));
        }
        if (shed == 0) {
            long slowest = answers.stream().mapToLong(Answer::millis).max().orElse(0);
            throw new CannotTell("a burst of " + n + " concurrent deliveries did not overload the receiver: nothing was"
                    + " shed and the slowest answer took " + slowest + " ms, inside the " + limit.toMillis() + " ms timeout");
        }
    }
}
