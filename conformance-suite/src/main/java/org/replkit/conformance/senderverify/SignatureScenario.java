package org.replkit.conformance.senderverify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.replkit.conformance.model.Exchange;
import org.replkit.spec.SyncTable;
import org.replkit.spec.WebhookSignature;

/**
 * SND-SIG-01, with --signing-secret (or $KIT_SIGNING_SECRET): a record of each table is answered 503
 * once, so it arrives twice; every attempt must carry webhook-id, webhook-timestamp and a
 * webhook-signature that holds a v1 signature of the bytes received under the run's secret, a
 * timestamp no older than a cadence, a timeout and a second at its arrival (and not ahead of it),
 * and a retry must be signed afresh: its timestamp moves on with the time between the attempts.
 */
public final class SignatureScenario extends SenderScenario {

    public SignatureScenario() {
        super("SND-SIG-01", Phase.PARALLEL,
                "every attempt, a retry included, is signed afresh over the bytes sent (Standard Webhooks)");
    }

    @Override
    public Optional<String> inapplicable(ScenarioContext c) {
        return c.signature().isPresent() ? Optional.empty() : Optional.of("no --signing-secret (nor $KIT_SIGNING_SECRET) was given");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        WebhookSignature signature = c.signature().orElseThrow();
        List<String> problems = new ArrayList<>();
        List<Exchange> evidence = new ArrayList<>();
        for (SyncTable table : SyncTable.values()) {
            UUID id = UUID.randomUUID();
            c.receiver(table).script(id.toString(), Script.statuses(503));
            c.insert(table, id);
            Duration limit = c.timing().arrivalBound().multipliedBy(3).plus(c.timing().backoff(1));
            List<Arrival> got = c.awaitCount(table, id, 2, limit);
            if (got.isEmpty()) {
                return Judgement.cantTell(table.tableName() + " record " + id + " never arrived (SND-CAD-01's to judge)", List.of());
            }
            for (int i = 0; i < got.size(); i++) {
                List<String> wrong = problems(signature, got.get(i), i == 0 ? null : got.get(i - 1), c.timing());
                if (!wrong.isEmpty()) {
                    problems.addAll(wrong);
                    evidence.add(got.get(i).evidence(c.committedAt(id, 1), String.join("; ", wrong)));
                }
            }
        }
        return Judgement.passedUnless(problems,
                "webhook-id, webhook-timestamp (the time of sending) and webhook-signature v1,<HMAC-SHA256 of id.timestamp.body>"
                        + " over the bytes received, on every attempt", evidence);
    }

    /** What is wrong with one attempt's signature, each a short sentence (never the secret or a signature's value). */
    static List<String> problems(WebhookSignature signature, Arrival a, Arrival previous, ExpectedTiming t) {
        List<String> wrong = new ArrayList<>();
        String id = a.header(WebhookSignature.ID).orElse(null);
        String stamp = a.header(WebhookSignature.TIMESTAMP).orElse(null);
        String signed = a.header(WebhookSignature.SIGNATURE).orElse(null);
        if (id == null || stamp == null || signed == null) {
            wrong.add("attempt " + a.attempt() + " lacks " + (id == null ? WebhookSignature.ID : stamp == null
                    ? WebhookSignature.TIMESTAMP : WebhookSignature.SIGNATURE));
            return wrong;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(stamp.trim());
        } catch (NumberFormatException e) {
            wrong.add("attempt " + a.attempt() + ": webhook-timestamp is not whole seconds");
            return wrong;
        }
        if (!signature.matchesAny(signed, id, timestamp, a.body())) {
            wrong.add("attempt " + a.attempt() + ": no signature in webhook-signature matches the bytes received under the secret");
        }
        long arrived = a.at().getEpochSecond();
        long oldest = arrived - t.arrivalBound().toSeconds() - 1;
        if (timestamp < oldest || timestamp > arrived + 1) {
            wrong.add("attempt " + a.attempt() + ": webhook-timestamp is " + (arrived - timestamp) + " s before its arrival");
        }
        if (previous != null) {
            long gap = Duration.between(previous.at(), a.at()).toSeconds();
            long moved = previous.header(WebhookSignature.TIMESTAMP).map(String::trim).filter(s -> s.matches("\\d+"))
                    .map(s -> timestamp - Long.parseLong(s)).orElse(gap);
            if (gap >= 2 && moved < gap - 1) {
                wrong.add("attempt " + a.attempt() + " came " + gap + " s after the one before it, but its webhook-timestamp moved "
                        + moved + " s: the retry was not signed afresh");
            }
        }
        return wrong;
    }
}
