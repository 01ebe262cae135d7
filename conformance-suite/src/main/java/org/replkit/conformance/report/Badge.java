package org.replkit.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.spec.Level;
import org.replkit.spec.Profile;

/**
 * The badge: "replication spec | core ✓" when every counted requirement was judged and passed; what
 * was not judged or is baselined is always said ("core ✓ · 4 not judged", "core ✓ · 1 baselined");
 * a failing run shows how many counted requirements passed ("21/25 MUST"). Never a bare ✓ over
 * requirements that were not judged. Rendered as a shields-style SVG and a shields endpoint JSON.
 */
public record Badge(String label, String message, String color, String hex) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String LABEL = "replication spec";
    /** The label of a kit verify-sender run's badge. */
    public static final String SENDER_LABEL = "sender spec";
    /** The targets key a kit verify-sender run names its sender database under (kit verify's never has it). */
    public static final String SENDER_TARGET = "sender under test";

    public static Badge of(ConformanceResult r) {
        String label = r.targets().containsKey(SENDER_TARGET) ? SENDER_LABEL : LABEL;
        ConformanceResult.Tally must = r.tally(Level.MUST);
        ConformanceResult.Tally should = r.tally(Level.SHOULD);
        boolean strict = r.profile() == Profile.STRICT;
        int passed = must.passed() + (strict ? should.passed() : 0);
        int total = must.total() + (strict ? should.total() : 0);
        int notJudged = must.notJudged() + (strict ? should.notJudged() : 0);
        if (!r.judgedAnything()) {
            return new Badge(label, "nothing checked", "lightgrey", "#9f9f9f");
        }
        String unjudged = notJudged > 0 ? " · " + notJudged + " not judged" : "";
        if (r.exitCode() == 1) {
            return new Badge(label, passed + "/" + total + (strict ? " MUST+SHOULD" : " MUST") + unjudged, "red", "#e05d44");
        }
        int baselined = (int) r.baselinedFailures().stream().map(v -> v.id()).distinct().count();
        String listed = baselined > 0 ? " · " + baselined + " baselined" : "";
        boolean complete = notJudged == 0 && baselined == 0;
        return new Badge(label, r.profile().label() + " ✓" + listed + unjudged,
                complete ? "brightgreen" : "yellowgreen", complete ? "#4c1" : "#a4a61d");
    }

    /** The shields.io endpoint format (https://shields.io/badges/endpoint-badge). */
    public String shieldsJson() {
        ObjectNode json = JSON.createObjectNode().put("schemaVersion", 1).put("label", label).put("message", message)
                .put("color", color);
        return json + "\n";
    }

    /** A flat shields-style SVG (template badge.jte); text widths are estimated from Verdana 11px character widths. */
    public String svg() {
        return Pages.render("badge.jte", Map.of("badge", this, "left", textWidth(label) + 10, "right", textWidth(message) + 10));
    }

    static int textWidth(String s) {
        double w = 0;
        for (char c : s.toCharArray()) {
            if ("iljt.,:;|!' ".indexOf(c) >= 0) {
                w += 3.6;
            } else if ("mwMW".indexOf(c) >= 0) {
                w += 10.5;
            } else if (Character.isUpperCase(c) || Character.isDigit(c) || c == '✓') {
                w += 7.6;
            } else {
                w += 6.6;
            }
        }
        return (int) Math.ceil(w);
    }
}
