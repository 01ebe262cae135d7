package org.replkit.load.simulations;

import org.replkit.spec.SyncHeaders;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.Map;
import org.replkit.load.LoadProperty;
import org.replkit.load.DeliverySigning;
import org.replkit.load.RecordFeeder;
import org.replkit.load.RunFigures;
import org.replkit.load.Shedding;
import org.replkit.load.TargetReceivers;
import org.replkit.load.Warmup;
import org.replkit.receivers.record.RecordKind;

/**
 * What every receiver simulation shares: the target's lifecycle, a delivery as the sender makes it
 * (the spec's headers, one record per request, the 5 s timeout) and the spec's assertions.
 */
public abstract class SyncSimulation extends Simulation {

    /** The sender gives up on a delivery after 5 s (pg_net's timeout_milliseconds). */
    public static final int SPEC_TIMEOUT_MS = 5000;

    /** Deliveries per endpoint before Gatling starts: proves the target answers and lets the JIT see the receivers' hot path. */
    public static final int DEFAULT_WARMUP = 200;

    /** Silent ticks at the start of a run: Gatling's client is as cold as the receivers at first. */
    static final int WARMUP_TICKS = 3;

    private TargetReceivers target;

    /** Starts (or names) the receivers; call once the simulation's parameters are read and valid. */
    protected final HttpProtocolBuilder connect() {
        int warmup = LoadProperty.WARMUP.intValue(DEFAULT_WARMUP);
        target = TargetReceivers.fromProperties();
        RunFigures.publish("run", Map.of("target", target.description()));
        try {
            Warmup.run(target.baseUrl(), warmup);
        } catch (RuntimeException e) {
            target.close();
            throw e;
        }
        return http.baseUrl(target.baseUrl())
                // No warm-up request: its default target is a public web site, and only loopback is loaded here.
                .disableWarmUp()
                // A sender keeps its connections open between deliveries, like pg_net's curl handle does.
                .shareConnections()
                .acceptHeader("application/json");
    }

    /** The effective parameters (defaults included), for the run's summary. */
    protected static void publishParameters(Map<String, ?> parameters) {
        RunFigures.publish("parameters", parameters);
    }


    protected final TargetReceivers target() {
        return target;
    }

    protected static int timeoutMs() {
        return LoadProperty.TIMEOUT_MS.positiveIntValue(SPEC_TIMEOUT_MS);
    }

    /**
     * One delivery of the record in the session (see {@link RecordFeeder}), checked against the ack
     * contract: 200 with the ack, or load shed (429 or 503 with Retry-After, counted by {@link Shedding}:
     * the sender retries it). Anything else fails the delivery.
     */
    protected static HttpRequestActionBuilder delivery(String requestName, RecordKind kind) {
        return signed(http(requestName)
                .post(kind.path())
                .header("Content-Type", "application/json")
                .header(SyncHeaders.EVENT_TYPE, "#{" + RecordFeeder.EVENT_TYPE + "}")
                .header(SyncHeaders.TABLE, kind.table())
                .header(SyncHeaders.RECORD_ID, "#{" + RecordFeeder.ID + "}"))
                .body(StringBody(session -> session.getString(RecordFeeder.BODY)))
                .requestTimeout(timeoutMs())
                .transformResponse((response, session) -> Shedding.count(requestName, response))
                .check(status().in(200, 429, 503))
                .checkIf((response, session) -> Shedding.isSheddingStatus(response.status().code()))
                .then(header(Shedding.RETRY_AFTER).exists())
                .checkIf((response, session) -> response.status().code() == 200)
                .then(jsonPath("$.status").is("ok"),
                        jsonPath("$." + kind.ackIdField()).is(session -> session.getString(RecordFeeder.ID)));
    }

    /** With a signing secret (KIT_SIGNING_SECRET), the Standard Webhooks headers of the body in the session. */
    private static HttpRequestActionBuilder signed(HttpRequestActionBuilder request) {
        java.util.Optional<org.replkit.spec.WebhookSignature> signer = DeliverySigning.signer();
        if (signer.isEmpty()) {
            return request;
        }
        return request
                .header(org.replkit.spec.WebhookSignature.ID, SyncSimulation::webhookId)
                .header(org.replkit.spec.WebhookSignature.TIMESTAMP, "#{" + RecordFeeder.SIGNED_AT + "}")
                .header(org.replkit.spec.WebhookSignature.SIGNATURE, session -> signer.get().sign(webhookId(session),
                        session.getLong(RecordFeeder.SIGNED_AT),
                        session.getString(RecordFeeder.BODY).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String webhookId(io.gatling.javaapi.core.Session session) {
        return "msg_load_" + session.userId() + "_" + session.getString(RecordFeeder.ID);
    }

    /**
     * {@code measured}, preceded by {@link #WARMUP_TICKS} ticks of silent deliveries (left out of
     * every statistic) so that Gatling's own client and its pooled connections are warm too.
     */
    protected static PopulationBuilder afterWarmup(RecordKind kind, int deliveriesPerTick, PopulationBuilder measured) {
        return scenario("warm-up " + kind.table())
                .feed(new RecordFeeder(kind, 1).fresh())
                .exec(delivery("warm-up " + kind.table(), kind).silent())
                .injectOpen(Cadence.ticks(WARMUP_TICKS, deliveriesPerTick, Duration.ofSeconds(1)))
                .andThen(measured);
    }

    protected static String requestName(RecordKind kind) {
        return "POST " + kind.path();
    }

    /** The spec: a valid record is acknowledged with 200, every time. */
    protected static Assertion noFailedDelivery() {
        return global().failedRequests().count().is(0L);
    }

    protected static Assertion p99Below(int millis) {
        return global().responseTime().percentile(99.0).lt(millis);
    }

    /** The sender gives up after its timeout: a slower acknowledgement is a failed delivery, even if it came. */
    protected static Assertion everyAckWithinTimeout() {
        return global().responseTime().max().lt(timeoutMs());
    }

    @Override
    public void after() {
        // Shed answers of the measured deliveries (the silent warm-up ticks left out).
        long shed = measured(Shedding.counts());
        long withoutRetryAfter = measured(Shedding.withoutRetryAfterCounts());
        RunFigures.publish("shedding", RunFigures.ordered("shed", shed, "withoutRetryAfter", withoutRetryAfter, "timeoutMs", timeoutMs()));
        if (target != null) {
            target.close();
        }
    }

    /** The sum over the measured requests (the silent warm-up ticks left out). */
    private static long measured(Map<String, Long> byRequest) {
        return byRequest.entrySet().stream().filter(e -> !e.getKey().startsWith("warm-up")).mapToLong(Map.Entry::getValue).sum();
    }
}
