package org.replkit.conformance.fuzz;

import java.util.List;

/**
 * What fuzz's index.html shows (template fuzz.jte). Long bodies arrive cut: the page shows their
 * start and links the file that holds all of it.
 *
 * @param verdict EARL's word, also the verdict's CSS class
 */
public record FuzzPage(String css, String verdict, String verdictText, List<Cell> meta, List<KindRow> kinds,
                       List<Cell> answers, String expected, String families, List<FindingView> findings) {

    public record Cell(String name, String value) {}

    public record KindRow(String label, String title, long requests) {
        public boolean hit() {
            return requests > 0;
        }
    }

    /**
     * @param bodyFile   the file holding the whole request body (relative to the page), or null when the page shows all of it
     * @param bodyMore   characters of the request body the page leaves out (0 when none)
     * @param answerMore characters of the answer's body the page leaves out (fuzz.json has them)
     */
    public record FindingView(String heading, String message, String note, String requestHead, String requestBody,
                              int bodyMore, String bodyFile, String answerCaption, String answer, int answerMore,
                              String curl) {}
}
