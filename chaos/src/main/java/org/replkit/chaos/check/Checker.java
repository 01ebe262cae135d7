package org.replkit.chaos.check;

import java.util.List;
import org.replkit.chaos.history.History;

/** Judges a whole history by every property; reads nothing but the history. */
public final class Checker {

    public static final List<HistoryProperty> PROPERTIES = List.of(
            new EveryChangeFinal(),
            new RetriesFollowSchedule(),
            new ReceiverHoldsNewest(),
            new CountsAgree(),
            new NoOldAfterNew(),
            new Converged(),
            new InstanceGone(),
            new FanOutLag());

    private Checker() {
    }

    public static List<PropertyVerdict> check(History history) {
        Observed observed = new Observed(history);
        return PROPERTIES.stream().filter(p -> p.appliesTo(observed)).map(p -> p.check(observed)).toList();
    }
}
