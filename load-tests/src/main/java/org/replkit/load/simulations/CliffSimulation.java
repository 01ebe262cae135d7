package org.replkit.load.simulations;

import static org.replkit.load.RunFigures.oneDecimal;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.replkit.load.GatlingRunner;
import org.replkit.load.LoadProperty;
import org.replkit.load.RecordFeeder;
import org.replkit.load.RunFigures;
import org.replkit.load.StoppedRunNoiseFilter;
import org.replkit.load.cliff.CliffPage;
import org.replkit.load.cliff.CliffRamp;
import org.replkit.load.cliff.CliffRecorder;
import org.replkit.load.cliff.CliffResult;
import org.replkit.receivers.record.RecordKind;
import org.replkit.spec.SyncHeaders;

/**
 * Cliff: an open-model ramp, new deliveries arriving at a rate that grows by 10% per step whatever
 * the receiver answers, until the p99 of the acknowledgements crosses the sender's timeout, errors
 * appear or the receiver sheds load. Reports the rate at which answers start to come after the
 * timeout (past it, each is a duplicate: the sender resends a record already stored), the p99
 * against the rate, the late answers, whether the receiver shed with 429/503 and Retry-After, and
 * the cliff in concurrency. Answers are waited for well past the timeout, to count the late ones.
 */
public class CliffSimulation extends SyncSimulation {

    public static final double DEFAULT_START_PER_S = 20;
    public static final double DEFAULT_MAX_PER_S = 20_000;
    public static final int DEFAULT_STEP_MS = 3_000;
    /** How long a delivery is waited for: late answers are counted up to this. */
    static final int LATE_WAIT_FACTOR = 4;

    private final CliffRamp ramp;
    private final CliffRecorder recorder;

    public CliffSimulation() {
        int timeoutMs = timeoutMs();
        ramp = new CliffRamp(LoadProperty.START_RATE.positiveIntValue((int) DEFAULT_START_PER_S),
                LoadProperty.MAX_RATE.positiveIntValue((int) DEFAULT_MAX_PER_S), LoadProperty.STEP_MS.positiveIntValue(DEFAULT_STEP_MS));
        publishParameters(RunFigures.ordered("startRatePerS", ramp.startPerS(), "maxRatePerS", ramp.maxPerS(), "stepMs", ramp.stepMs(),
                "growthPercent", CliffRamp.GROWTH_PERCENT, "timeoutMs", timeoutMs));
        HttpProtocolBuilder protocol = connect();
        recorder = new CliffRecorder(timeoutMs, LoadProperty.MAX_IN_FLIGHT.positiveIntValue(CliffRecorder.defaultMaxInFlight()));
        List<PopulationBuilder> senders = new ArrayList<>();
        for (RecordKind kind : RecordKind.values()) {
            List<OpenInjectionStep> steps = new ArrayList<>();
            // Each endpoint gets half of the rate.
            ramp.rates().forEach(r -> steps.add(constantUsersPerSec(r / RecordKind.values().length).during(Duration.ofMillis(ramp.stepMs()))));
            // Gatling's own client warms up first (silent, not recorded): a cold client's first seconds would
            // otherwise be read as the receiver's latency.
            int warmPerTick = (int) Math.max(1, Math.round(ramp.startPerS() / RecordKind.values().length));
            senders.add(afterWarmup(kind, warmPerTick, scenario("cliff " + kind.table())
                    .feed(new RecordFeeder(kind, 1).fresh())
                    .exec(this::send)
                    .exec(stopNow())               // the load generator's own limit, checked before it opens one more
                    .exec(delivery(kind, timeoutMs))
                    .exec(this::answered)
                    .exec(stopNow())
                    .injectOpen(steps)));
        }
        setUp(senders).protocols(protocol);
    }

    private Session send(Session session) {
        return session.set("sentMs", recorder.nowMs()).set("inFlight", recorder.sent());
    }

    private Session answered(Session session) {
        int status = session.contains("status") ? session.getInt("status") : 0;
        recorder.answered(session.getLong("sentMs"), session.getInt("inFlight"), status, session.contains("retryAfter"));
        return session.remove("status").remove("retryAfter");
    }

    private ChainBuilder stopNow() {
        return stopLoadGeneratorIf(session -> "cliff reached: " + recorder.stopReason(), session -> {
            boolean stop = recorder.shouldStop();
            if (stop) {
                StoppedRunNoiseFilter.runStopped(); // what Gatling logs from here on is the stop's noise
            }
            return stop;
        });
    }

    /** A delivery as the sender makes it, waited for past the timeout, its status and Retry-After kept. */
    private static io.gatling.javaapi.http.HttpRequestActionBuilder delivery(RecordKind kind, int timeoutMs) {
        return http(requestName(kind))
                .post(kind.path())
                .header("Content-Type", "application/json")
                .header(SyncHeaders.EVENT_TYPE, "#{" + RecordFeeder.EVENT_TYPE + "}")
                .header(SyncHeaders.TABLE, kind.table())
                .header(SyncHeaders.RECORD_ID, "#{" + RecordFeeder.ID + "}")
                .body(StringBody(session -> session.getString(RecordFeeder.BODY)))
                .requestTimeout(timeoutMs * LATE_WAIT_FACTOR)
                .check(status().saveAs("status"))
                .check(header("Retry-After").optional().saveAs("retryAfter"))
                .check(status().is(200));
    }

    @Override
    public void after() {
        try {
            CliffResult result = CliffResult.of(ramp, recorder.timeoutMs(), recorder.samples(), recorder.stopReason(),
                    recorder.stoppedByLoadGenerator());
            RunFigures.publish("cliff", figures(result, recorder.maxInFlight()));
            String figures = System.getProperty(GatlingRunner.FIGURES_FILE_PROPERTY);
            if (figures != null && !figures.isBlank()) {
                CliffPage.write(Path.of(figures).getParent(), result, recorder.timeoutMs(), target().description());
            }
        } finally {
            super.after();
        }
    }

    /** The figures for summary.json's {@code cliff} section. */
    static Map<String, Object> figures(CliffResult r, int maxInFlight) {
        List<Map<String, Object>> curve = r.steps().stream().map(s -> RunFigures.ordered("ratePerS", oneDecimal(s.ratePerS()),
                "sent", s.sent(), "p50Ms", s.p50Ms(), "p99Ms", s.p99Ms(), "late", s.late(), "shed", s.shed(), "errors", s.errors()))
                .toList();
        return RunFigures.ordered(
                "rate_per_s", r.ratePerS() == null ? null : oneDecimal(r.ratePerS()),
                "concurrency", r.concurrency(),
                "found", r.ratePerS() != null,
                "stopReason", r.stopReason() == null ? "the ramp reached its highest rate" : r.stopReason(),
                "stoppedByLoadGenerator", r.stoppedByLoadGenerator(),
                "loadGeneratorMaxInFlight", maxInFlight,
                "offeredAtStopPerS", oneDecimal(r.offeredAtStopPerS()),
                "highestStepWithinTimeoutPerS", oneDecimal(r.highestStepWithinTimeout()),
                "answers", r.answers(), "lateAnswers", r.lateAnswers(),
                "shed", r.shed(), "shedWithRetryAfter", r.shed() > 0, "shedWithoutRetryAfter", r.shedWithoutRetryAfter(),
                "errors", r.errors(),
                "steps", curve);
    }

}
