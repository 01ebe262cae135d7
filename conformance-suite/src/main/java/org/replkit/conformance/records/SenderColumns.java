package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * What the sender's columns can hold, and so send: PostgreSQL text (no NUL, no lone surrogate) and
 * jsonb (numbers as PostgreSQL numeric, nesting a receiver is held to). A value they cannot hold is
 * never sent, so a receiver may accept or refuse it.
 */
public final class SenderColumns {

    /**
     * The deepest jsonb nesting the kit holds a receiver to accepting. The sender's jsonb holds a few
     * thousand levels, but common JSON parsers stop far sooner (serde_json at 128, Jackson at 1,000),
     * and no real row nests this deep: deeper values are ALLOWED, so only a 5xx or a crash on them
     * is a finding.
     */
    public static final int SENDABLE_DEPTH = 32;

    /** PostgreSQL numeric, which holds the numbers inside jsonb: digits before and after the point. */
    private static final int NUMERIC_MAX_INTEGER_DIGITS = 131_072;
    private static final int NUMERIC_MAX_FRACTION_DIGITS = 16_383;

    private SenderColumns() {}

    /**
     * Why PostgreSQL text cannot hold the string (so the sender cannot send it), or null. A lone
     * UTF-16 surrogate (JSON's "\ud800" escape) is no character at all.
     */
    static String textProblem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\u0000') {
                return "holds a NUL character, which PostgreSQL text cannot hold";
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("holds a lone surrogate (\\u%04X), which is not a character", (int) c);
            }
        }
        return null;
    }

    /** Why the sender's jsonb could not hold the value, or null. Iterative: the value may nest 50,000 deep. */
    static String jsonbProblem(JsonNode root) {
        Deque<Map.Entry<JsonNode, Integer>> todo = new ArrayDeque<>();
        todo.push(Map.entry(root, 1));
        int deepest = 0;
        String problem = null;
        while (!todo.isEmpty()) {
            Map.Entry<JsonNode, Integer> e = todo.pop();
            JsonNode n = e.getKey();
            int depth = e.getValue();
            if (n.isContainerNode()) {
                deepest = Math.max(deepest, depth);
            }
            if (problem != null) {
                continue;
            }
            if (n.isTextual()) {
                problem = textProblem(n.textValue());
            } else if (n.isNumber()) {
                BigDecimal d = n.decimalValue();
                if ((long) d.precision() - d.scale() > NUMERIC_MAX_INTEGER_DIGITS || d.scale() > NUMERIC_MAX_FRACTION_DIGITS) {
                    problem = "holds the number " + Sendability.shown(n) + ", beyond what a jsonb number (PostgreSQL numeric) holds";
                }
            } else if (n.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    String key = textProblem(f.getKey());
                    if (key != null && problem == null) {
                        problem = "has a key that " + key;
                    }
                    todo.push(Map.entry(f.getValue(), depth + 1));
                }
            } else if (n.isArray()) {
                n.forEach(item -> todo.push(Map.entry(item, depth + 1)));
            }
        }
        if (problem == null && deepest > SENDABLE_DEPTH) {
            problem = "nests " + deepest + " levels deep, deeper than the " + SENDABLE_DEPTH
                    + " levels a receiver is held to (no real row nests so deep)";
        }
        return problem;
    }
}
