package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/**
 * Every sender rule of the catalogue (SND-*) is enforced where grep finds it, in a
 * {@code COMMENT ON FUNCTION ... IS '<ID>: ...'} of the schema (so \df+ shows the contract), and
 * proven by a test of this module tagged with its id. Every function of schema replication carries
 * such a comment, naming a real requirement.
 */
class SenderCatalogueCoverageTest {

    /** A COMMENT ON FUNCTION whose text starts with an id; group 1 is the whole text, its quoted pieces may hold ';'. */
    private static final Pattern COMMENTED_ID = Pattern.compile(
            "COMMENT ON FUNCTION [^;]*? IS\\s+((?:'(?:[^']|'')*'\\s*)+);", Pattern.DOTALL);
    private static final Pattern STARTS_WITH_ID = Pattern.compile("^'[A-Z0-9]+-[A-Z]+-\\d{2}");
    private static final Pattern ANY_ID = Pattern.compile("\\b([A-Z0-9]+-[A-Z]+-\\d{2})\\b");

    private static final List<Class<?>> TEST_CLASSES = List.of(DeliveryTest.class, RealTimeTest.class, SchemaTest.class,
            StatusEndpointTest.class, ReferenceReceiversEndToEndTest.class, SetupCheckTest.class, RetentionTest.class, SigningTest.class,
            SecretsCanaryTest.class, BackendsEndToEndTest.class, RequestIdReuseTest.class, InstanceHealthTest.class);

    @Test
    void everySenderRuleIsNamedInAFunctionCommentOfTheSchema() throws Exception {
        Set<String> commented = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("sql"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                String text = Files.readString(f);
                Matcher comment = COMMENTED_ID.matcher(text);
                while (comment.find()) {
                    if (!STARTS_WITH_ID.matcher(comment.group(1)).find()) {
                        continue;
                    }
                    Matcher ids = ANY_ID.matcher(comment.group(1));
                    while (ids.find()) {
                        commented.add(ids.group(1));
                    }
                }
            }
        }
        Set<String> missing = senderRules();
        missing.removeAll(commented);
        assertEquals(Set.of(), missing, "sender rules that no COMMENT ON FUNCTION in pg-image/sql names");
    }

    @Test
    void everySenderRuleHasATaggedTest() {
        Set<String> tagged = new TreeSet<>();
        for (Class<?> c : TEST_CLASSES) {
            for (Method m : c.getDeclaredMethods()) {
                Arrays.stream(m.getAnnotationsByType(Tag.class)).map(Tag::value).forEach(tagged::add);
            }
        }
        Set<String> untested = senderRules();
        untested.removeAll(tagged);
        assertEquals(Set.of(), untested, "sender rules without a tagged test");
        Set<String> unknown = tagged.stream().filter(id -> RequirementCatalogue.get().find(id).isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown, "tags that name no requirement");
    }

    /** \df+ in the database itself: every function of schema replication says which rule it serves. */
    @Test
    void everyFunctionOfTheLiveSchemaHasACommentNamingARealRequirement() throws Exception {
        Map<String, String> wrong = new TreeMap<>();
        try (Connection c = SharedSender.get().connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT p.oid::regprocedure::text, coalesce(obj_description(p.oid, 'pg_proc'), '') "
                     + "FROM pg_proc p WHERE p.pronamespace = 'replication'::regnamespace")) {
            while (rs.next()) {
                Matcher id = Pattern.compile("^([A-Z0-9]+-[A-Z]+-\\d{2}): ").matcher(rs.getString(2));
                if (!id.find() || RequirementCatalogue.get().find(id.group(1)).isEmpty()) {
                    wrong.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        assertEquals(Map.of(), wrong, "functions without a comment that starts with a requirement id");
    }

    private static Set<String> senderRules() {
        return RequirementCatalogue.get().all().stream().filter(r -> r.appliesTo("sender")).map(Requirement::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
