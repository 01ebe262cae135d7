package org.replkit.chaos.check;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.replkit.chaos.history.Event;

/**
 * SND-GONE-01: a receiver instance that answers 410 Gone is removed: the sender deactivates it (its state says
 * so, with the reason), sends it nothing more, and fails none of its items on the 410 (they stay
 * pending, for the day it is registered again). Judged on the instance of its own that the gone
 * fault aims at; requests the sender already had under way when the 410 came back are allowed for
 * two ticks and a timeout after it.
 */
public final class InstanceGone extends HistoryProperty {

    public InstanceGone() {
        super("gone", List.of("SND-GONE-01"), false,
                "An instance that answers 410 Gone is deactivated, gets no later request, and none of its items fails on the 410.");
    }

    @Override
    public boolean appliesTo(Observed o) {
        return o.sideLanes().stream().anyMatch(l -> l.role().equals("gone"));
    }

    @Override
    protected PropertyVerdict judge(Observed o) {
        Event.SideLane gone = o.sideLanes().stream().filter(l -> l.role().equals("gone")).findFirst().orElseThrow();
        Optional<Event.Wire> first410 = o.wire(gone.lane()).stream().filter(w -> "PROXY_410".equals(w.outcome()))
                .min(Comparator.comparing(Event.Wire::t));
        if (first410.isEmpty()) {
            return cannotTell("no request reached the instance '" + gone.lane() + "' after its 410 began");
        }
        Event.Timing timing = o.run().timing();
        Instant answered = first410.get().done() != null ? first410.get().done() : first410.get().t();
        Duration underWay = Duration.ofMillis(2L * timing.cadenceS() * 1000 + timing.timeoutMs() + 1000);
        Instant cutoff = answered.plus(underWay);
        List<Problem> problems = new ArrayList<>();
        List<Event.Wire> later = o.wire(gone.lane()).stream().filter(w -> w.t().isAfter(cutoff)).toList();
        if (!later.isEmpty()) { // SND-GONE-01: no request to an instance that answered 410
            problems.add(new Problem("request after 410", gone.lane(), later.get(0).recordId(),
                    "no request after the first 410 (answered at " + answered + "), beyond those under way until " + cutoff,
                    later.size() + " request(s), the first at " + later.get(0).t() + ", the last at " + later.get(later.size() - 1).t()));
        }
        Optional<Event.InstanceState> state = o.instanceState(gone.lane());
        if (state.isEmpty()) {
            problems.add(new Problem("not deactivated", gone.lane(), null, "the instance's state: deactivated, with the reason",
                    "the sender keeps no state per instance (replication.instances has no state column)"));
        } else if (!"deactivated".equals(state.get().state())) { // SND-GONE-01: deactivated, with the reason
            problems.add(new Problem("not deactivated", gone.lane(), null, "the instance's state: deactivated, with the reason",
                    state.get().state() + (state.get().reason() == null ? "" : " (" + state.get().reason() + ")")));
        }
        List<Event.Item> failedOn410 = o.items(gone.lane()).stream()
                .filter(i -> i.status().equals("failed") && i.lastStatusCode() != null && i.lastStatusCode() == 410).toList();
        if (!failedOn410.isEmpty()) { // SND-GONE-01: its items stay pending
            problems.add(new Problem("failed on 410", gone.lane(), failedOn410.get(0).recordId(), "items kept pending for a registration again",
                    failedOn410.size() + " item(s) failed on the 410, e.g. queue id " + failedOn410.get(0).queueId()));
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("first_410_at", answered.toString());
        figures.put("requests_after_410", (long) later.size());
        figures.put("items_failed_on_410", (long) failedOn410.size());
        state.ifPresent(s -> figures.put("state", s.state()));
        return verdict(problems, "the instance answering 410 was deactivated and left alone",
                problems.size() + " problem(s) with the instance that answered 410", figures);
    }
}
