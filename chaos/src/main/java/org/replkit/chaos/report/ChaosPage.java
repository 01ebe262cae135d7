package org.replkit.chaos.report;

import java.util.List;

/**
 * What a chaos run's index.html shows (template chaos.jte), every value already worded but the run's
 * settings and figures, which the template words from {@link ChaosFigures}.
 *
 * @param verdict  EARL's word for the run, also the verdict's CSS class
 * @param records  the records a property found wrong, at most {@code RECORDS_SHOWN}
 * @param recordsLeftOut how many more summary.json lists
 * @param started  when the writes began
 * @param senderTiming the sender's timing in words
 * @param figures  the run's figures, which the template words in the settings table and the tiles
 */
public record ChaosPage(String css, String verdict, String verdictText, String headline, String seed, String rerun,
                        String started, String senderTiming, ChaosFigures figures, List<PropertyRow> properties,
                        TimelineChart.Chart timeline, List<FaultRow> faults, List<RecordView> records, int recordsLeftOut,
                        boolean receiverLog) {

    public record Cell(String name, String value) {}

    /** @param outcome EARL's word (the CSS class); {@code problemsLeftOut} more are in summary.json */
    public record PropertyRow(String property, String title, List<String> requirements, String outcome, String summary,
                              List<String> problems, int problemsLeftOut) {}

    public record FaultRow(int window, String kind, String colour, String target, String planned, String applied,
                           String detail) {}

    /** One wrong record: what the properties found and its history, as (time, what) rows. */
    public record RecordView(String key, String kinds, List<String> problems, List<Cell> history) {}
}
