package org.replkit.conformance.report;

import java.util.List;
import org.replkit.conformance.model.Exchange;

/**
 * What the conformance report's index.html shows (template conformance.jte), in the page's order:
 * header, tiles, the failures (MUST, SHOULD, baseline), what was not judged, the requirement grid
 * and, for the self-test, the matrix.
 *
 * @param verdict  EARL's word for the run, also the verdict's CSS class
 * @param badgeSvg the badge, an SVG made by {@link Badge} with its text escaped
 * @param senderRules the footer's sentence on where the sender's rules (SND-*) are judged
 */
public record ConformancePage(String css, String verdict, String verdictText, String profile, String summary, String fixed,
                              String badgeSvg, List<Cell> meta, List<Tile> tiles, List<FailureSection> failures,
                              List<NotJudged> cantTell, List<Cell> inapplicable, List<String> columns,
                              List<RequirementRow> requirements, Matrix matrix, int catalogueVersion, String rerun,
                              String senderRules) {

    /** A long example as the page shows it, clipped (junit.xml and conformance.json carry it whole). */
    public static String clip(String example) {
        return Exchange.clip(example);
    }

    public record Cell(String name, String value) {}

    /** @param note "(not counted by core)" or "" */
    public record Tile(String level, String note, int passed, int failed, int cantTell, int inapplicable) {}

    public record FailureSection(String heading, List<Failure> failures) {}

    /**
     * One failed requirement on one endpoint, as its deciding check found it.
     *
     * @param tags  "MUST · patterns", with "not counted" and "listed in the baseline" when so
     * @param cases "2 of 14 cases failed", with what the first one decides when more than one failed
     * @param otherCases every failing case after the deciding one, each shown the same way
     */
    public record Failure(String anchor, String id, String tags, String title, String cases, String checkTitle, String check,
                          String message, String expected, String actual, String example, List<ExchangeView> evidence,
                          List<Case> otherCases, String rerun) {}

    /** A failing case after the deciding one: its name, reason, expected and actual, example and evidence. */
    public record Case(String name, String message, String expected, String actual, String example, List<ExchangeView> evidence) {}

    public record ExchangeView(String request, String answerCaption, String answer, String curl) {}

    public record NotJudged(String anchor, String name, String level, String reason, String blockedBy) {}

    public record RequirementRow(String id, String title, String level, List<GridCell> cells) {}

    /** @param outcome EARL's word, or null for an endpoint the requirement is not about; {@code anchor} links a failure or cantTell */
    public record GridCell(String outcome, String title, String anchor) {}

    public record Matrix(long right, int rows, List<String> requirementIds, List<MatrixRow> receivers) {}

    public record MatrixRow(String receiver, String description, String mustFail, String breaksShould, int exitCode,
                            List<MatrixCell> cells, boolean asExpected) {}

    public record MatrixCell(String outcome, String symbol, boolean expected, String title) {}
}
