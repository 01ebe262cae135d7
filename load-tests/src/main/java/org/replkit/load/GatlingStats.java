package org.replkit.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The global figures of a Gatling report: the "All Requests" row of its statistics table
 * ({@code <tr id="ROOT">} in index.html, one {@code col-N} cell per figure).
 */
public record GatlingStats(long requests, long ok, long failed, double throughputRps,
                           long minMs, long p50Ms, long p75Ms, long p95Ms, long p99Ms, long maxMs, long meanMs) {

    private static final Pattern ROOT_ROW = Pattern.compile("<tr id=\"ROOT\".*?</tr>", Pattern.DOTALL);
    private static final Pattern CELL = Pattern.compile("<td class=\"value [^\"]*col-(\\d+)\">([^<]*)</td>");

    public static GatlingStats read(Path reportDir) {
        String html;
        try {
            html = Files.readString(reportDir.resolve("index.html"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Gatling report in " + reportDir, e);
        }
        Matcher row = ROOT_ROW.matcher(html);
        if (!row.find()) {
            throw new IllegalStateException("the Gatling report in " + reportDir + " has no statistics table");
        }
        Map<Integer, String> cells = new HashMap<>();
        Matcher cell = CELL.matcher(row.group());
        while (cell.find()) {
            cells.put(Integer.parseInt(cell.group(1)), cell.group(2).trim().replace(",", ""));
        }
        // columns: 2 total, 3 ok, 4 ko, 5 % ko, 6 count/s, 7 min, 8-11 percentiles 50/75/95/99, 12 max, 13 mean, 14 std dev
        return new GatlingStats(
                asLong(cells.get(2)), asLong(cells.get(3)), asLong(cells.get(4)), asDouble(cells.get(6)),
                asLong(cells.get(7)), asLong(cells.get(8)), asLong(cells.get(9)), asLong(cells.get(10)),
                asLong(cells.get(11)), asLong(cells.get(12)), asLong(cells.get(13)));
    }

    private static long asLong(String s) {
        return Math.round(asDouble(s));
    }

    private static double asDouble(String s) {
        if (s == null || s.isEmpty() || s.equals("-")) {
            return 0;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
