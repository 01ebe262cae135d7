package org.replkit.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The requirements catalogue, read once from the classpath copy of {@code spec/requirements.yaml}. */
public final class RequirementCatalogue {

    public static final String RESOURCE = "/replication-spec/requirements.yaml";

    private static final RequirementCatalogue INSTANCE = load();

    private final Map<String, Requirement> byId;
    private final List<Requirement> ordered;
    private final String levelLine;
    private final int version;
    private final List<Retired> retired;

    private RequirementCatalogue(File file) {
        Map<String, Requirement> map = new LinkedHashMap<>();
        for (Requirement r : file.requirements()) {
            if (map.putIfAbsent(r.id(), r) != null) {
                throw new IllegalStateException("requirement id used twice: " + r.id());
            }
        }
        List<Retired> gone = file.retired() == null ? List.of() : List.copyOf(file.retired());
        for (Retired r : gone) {
            if (map.containsKey(r.id())) {
                throw new IllegalStateException("retired id " + r.id() + " is in use again: ids are never reused");
            }
        }
        this.byId = Map.copyOf(map);
        this.ordered = List.copyOf(file.requirements());
        this.levelLine = file.levelLine();
        this.version = file.version();
        this.retired = gone;
    }

    /** The one line between MUST and SHOULD, applied to every entry. */
    public String levelLine() {
        return levelLine;
    }

    /** The catalogue's version; it grows with every change the changelog records. */
    public int version() {
        return version;
    }

    /** Ids no longer in use, kept so that they are never given to another rule. */
    public List<Retired> retired() {
        return retired;
    }

    public static RequirementCatalogue get() {
        return INSTANCE;
    }

    /** Every requirement, in catalogue order. */
    public List<Requirement> all() {
        return ordered;
    }

    public Optional<Requirement> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Requirement byId(String id) {
        return find(id).orElseThrow(() -> new NoSuchElementException("no requirement " + id));
    }

    /** An id that is no longer in use, what it said, and which requirements took its place. */
    public record Retired(String id, @JsonProperty("retired_in") int retiredIn, String was,
                          @JsonProperty("replaced_by") List<String> replacedBy, String reason) {}

    /** One version's changes. */
    public record Change(int version, String date, List<String> changes) {}

    @JsonIgnoreProperties(ignoreUnknown = false)
    private record File(@JsonProperty("catalogue_version") int version, @JsonProperty("level_line") String levelLine,
                        List<Change> changelog, List<Requirement> requirements, List<Retired> retired) {}

    private static RequirementCatalogue load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = RequirementCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new RequirementCatalogue(yaml.readValue(in, File.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
