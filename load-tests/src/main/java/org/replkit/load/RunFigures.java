package org.replkit.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a simulation tells the run's summary beyond Gatling's statistics: its effective parameters,
 * what it loaded, and figures of its own (the pipeline's lag). Written to the file named by
 * {@link GatlingRunner#FIGURES_FILE_PROPERTY}; a run without that property (the Maven plugin) keeps
 * nothing. Each call merges its entries into the file.
 */
public final class RunFigures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFigures() {
    }

    /** key, value, key, value... as an insertion-ordered map, so the figures keep their order in the file. */
    public static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A figure as the summary shows it: one decimal. */
    public static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }

    public static synchronized void publish(String section, Map<String, ?> entries) {
        String file = System.getProperty(GatlingRunner.FIGURES_FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        Path path = Path.of(file);
        try {
            ObjectNode all = Files.exists(path) ? (ObjectNode) JSON.readTree(path.toFile()) : JSON.createObjectNode();
            ObjectNode node = all.has(section) ? (ObjectNode) all.get(section) : all.putObject(section);
            entries.forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
            JSON.writerWithDefaultPrettyPrinter().writeValue(path.toFile(), all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run's figures to " + file, e);
        }
    }
}
