package org.replkit.conformance.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.replkit.spec.Outcome;
import org.replkit.spec.RequirementCatalogue;

/**
 * The (requirement, endpoint) pairs a team knows its receiver fails, each with a reason: a run whose
 * only failures are listed ones passes and says so, so a team can adopt the kit while it fixes them.
 * Written by {@code --write-baseline FILE}, read by {@code --baseline FILE}.
 *
 * @param strict with --strict-baseline: a listed pair that now passes fails the run until it is removed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Baseline(String kit, @JsonProperty("catalogue_version") int catalogueVersion,
                       @JsonProperty("expected_failures") List<Entry> expectedFailures,
                       @com.fasterxml.jackson.annotation.JsonIgnore boolean strict) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Baseline {
        expectedFailures = expectedFailures == null ? List.of() : List.copyOf(expectedFailures);
    }

    /** One expected failure: the requirement, the endpoint, and why it is accepted for now. */
    public record Entry(String id, String endpoint, String reason) {}

    public Baseline strict(boolean s) {
        return new Baseline(kit, catalogueVersion, expectedFailures, s);
    }

    public Optional<Entry> find(String id, String endpoint) {
        return expectedFailures.stream().filter(e -> e.id().equals(id) && e.endpoint().equals(endpoint)).findFirst();
    }

    /** A baseline listing every failure of the run, each with its one-line reason to edit. */
    public static Baseline of(ConformanceResult result) {
        List<Entry> entries = result.verdicts().stream()
                .filter(v -> v.outcome() == Outcome.FAILED)
                .map(v -> new Entry(v.id(), v.endpoint(), Text.firstLine(v.reason())))
                .toList();
        return new Baseline("replication conformance kit", RequirementCatalogue.get().version(), entries, false);
    }

    /** Reads a baseline; says in one line what is wrong with a file that is not one. */
    public static Baseline read(Path file) {
        Baseline b;
        try {
            b = JSON.readValue(file.toFile(), Baseline.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the baseline " + file + ": " + Text.firstLine(e.getMessage()));
        }
        for (Entry e : b.expectedFailures()) {
            if (e.id() == null || e.endpoint() == null) {
                throw new IllegalArgumentException("the baseline " + file + " has an entry without id or endpoint");
            }
            if (RequirementCatalogue.get().find(e.id()).isEmpty()) {
                throw new IllegalArgumentException("the baseline " + file + " lists " + e.id()
                        + ", which the catalogue (version " + RequirementCatalogue.get().version() + ") does not have");
            }
        }
        return b;
    }

    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the baseline " + file, e);
        }
    }
}
