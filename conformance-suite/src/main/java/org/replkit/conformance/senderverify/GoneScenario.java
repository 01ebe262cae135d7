package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.replkit.spec.SyncTable;

/**
 * SND-GONE-01, on a receiver of the scenario's own that answers 410 Gone to everything: once it has
 * answered one, and a cadence, a timeout and a second have passed for requests already on their way,
 * a change committed then must never reach it. Where the sender has the replication schema, its status
 * must say the instance is deactivated. What SND-GONE-01 says of registering the instance again is not
 * judged black-box.
 */
public final class GoneScenario extends SenderScenario {

    public GoneScenario() {
        super("SND-GONE-01", Phase.PARALLEL,
                "after a 410 Gone, nothing more is sent to the instance (and its status says deactivated)");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        ExpectedTiming t = c.timing();
        ScriptedReceiver gone = c.ownReceiver(SyncTable.METRICS);
        gone.everyRecord((attempt, request) -> Reply.status(410));
        UUID first = UUID.randomUUID();
        Instant answered = c.firstRequest(gone, first, ", so no 410 was answered");
        Instant graceEnds = answered.plus(t.arrivalBound());
        ScenarioContext.sleepUntil(graceEnds);
        UUID later = UUID.randomUUID();
        c.insert(SyncTable.METRICS, later);
        ScenarioContext.sleepUntil(Instant.now().plus(t.arrivalBound().multipliedBy(2)));
        List<Arrival> after = gone.arrivals().stream().filter(a -> a.at().isAfter(graceEnds)).toList();
        String expected = "no request later than " + ScenarioContext.seconds(t.arrivalBound()) + " after the first 410";
        if (!after.isEmpty()) {
            Arrival a = after.get(0);
            return Judgement.failed(after.size() + " request(s) reached the instance after it answered 410 Gone, the first "
                            + ScenarioContext.seconds(Duration.between(answered, a.at())) + " after the 410", expected,
                    after.size() + " request(s) after the grace",
                    after.stream().limit(5).map(x -> x.evidence(answered, "after the first 410")).toList());
        }
        Optional<JsonNode> status = c.status(gone);
        if (status.isPresent() && !"deactivated".equals(status.get().path("state").asText())) {
            return Judgement.failed("nothing more was sent, but replication.get_instance_status says state "
                            + status.get().path("state").asText() + ", not deactivated", "state deactivated after a 410",
                    "state " + status.get().path("state").asText(), List.of());
        }
        return Judgement.passed();
    }
}
