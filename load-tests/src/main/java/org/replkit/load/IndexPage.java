package org.replkit.load;

import java.util.List;

/**
 * What {@code reports/index.html} shows (templates index.jte and runs.jte): the overall verdict,
 * the conformance report's verdict, the newest load run of each profile and the older runs.
 *
 * @param verdict     EARL's word for the whole folder: the worst of the newest runs and the conformance report
 * @param conformance the conformance report's verdict, or null when the folder holds none
 */
public record IndexPage(String css, String verdict, String verdictText, String conformance, List<Run> newest,
                        List<Run> history) {

    /** One load run as a table row; figures already formatted, "" where the summary has none. */
    public record Run(String profile, String started, String verdict, List<String> failedAssertions, List<String> requirements,
                      String requests,
                      String failed, String shed, String perSecond, String p50, String p95, String p99, String max, String pipeline,
                      String target, String parameters, String report) {}
}
