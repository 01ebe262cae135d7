package org.replkit.chaos.check;

import java.util.List;
import java.util.Map;
import org.replkit.spec.Outcome;

/**
 * A property's verdict over one history.
 *
 * @param outcome  passed, failed, or cantTell (the history lacks what the property needs: never a failure)
 * @param summary  one sentence on what was found
 * @param problems every problem found (the report shows the first ones, summary.json all)
 * @param figures  what was counted, e.g. items checked
 */
public record PropertyVerdict(String property, String title, List<String> requirements, Outcome outcome, String summary,
                              List<Problem> problems, Map<String, Object> figures) {

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }
}
