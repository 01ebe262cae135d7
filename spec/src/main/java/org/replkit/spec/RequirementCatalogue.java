package org.replkit.spec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The requirements catalogue, read once from the classpath copy of {@code spec/requirements.yaml}.
 *
 * @param levelLine the one line between MUST and SHOULD, applied to every entry
 * @param version   the catalogue's version; it grows with every change the changelog records
 * @param all       every requirement, in catalogue order
 * @param retired   ids no longer in use, kept so that they are never given to another rule
 */
public record RequirementCatalogue(String levelLine, int version, List<Requirement> all, List<Retired> retired) {

    public static final String RESOURCE = "/replication-spec/requirements.yaml";

    private static final RequirementCatalogue INSTANCE = load();

    public RequirementCatalogue {
        Set<String> ids = new HashSet<>();
        for (Requirement r : all) {
            if (!ids.add(r.id())) {
                throw new IllegalStateException("requirement id used twice: " + r.id());
            }
        }
        retired = retired == null ? List.of() : List.copyOf(retired);
        for (Retired r : retired) {
            if (ids.contains(r.id())) {
                throw new IllegalStateException("retired id " + r.id() + " is in use again: ids are never reused");
            }
        }
        all = List.copyOf(all);
    }

    public static RequirementCatalogue get() {
        return INSTANCE;
    }

    public Optional<Requirement> find(String id) {
        return all.stream().filter(r -> r.id().equals(id)).findFirst();
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
        try {
            File file = new ObjectMapper(new YAMLFactory()).readValue(ClasspathText.read(RESOURCE), File.class);
            return new RequirementCatalogue(file.levelLine(), file.version(), file.requirements(), file.retired());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
