package org.replkit.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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

    private RequirementCatalogue(List<Requirement> requirements) {
        Map<String, Requirement> map = new LinkedHashMap<>();
        for (Requirement r : requirements) {
            if (map.putIfAbsent(r.id(), r) != null) {
                throw new IllegalStateException("requirement id used twice: " + r.id());
            }
        }
        this.byId = Map.copyOf(map);
        this.ordered = List.copyOf(requirements);
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

    /** The requirements that apply to one endpoint (patterns, metrics, status, sender). */
    public List<Requirement> forEndpoint(String endpoint) {
        return ordered.stream().filter(r -> r.appliesTo(endpoint)).toList();
    }

    @JsonIgnoreProperties(ignoreUnknown = false)
    private record File(List<Requirement> requirements) {}

    private static RequirementCatalogue load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (InputStream in = RequirementCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new RequirementCatalogue(yaml.readValue(in, File.class).requirements());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
