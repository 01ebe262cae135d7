package org.replkit.receivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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
 * Every receiver rule of the catalogue is proven by at least one test of this module, found by
 * the requirement id in its @Tag; and every receiver and status rule names the reference code that
 * enforces it, so grepping an id lands on the enforcing line. A rule added to the catalogue
 * without a test or an enforcement site fails here, and so does an id in the code that names no rule.
 */
class CatalogueCoverageTest {

    private static final List<String> TEST_CLASSES = List.of(
            "org.replkit.receivers.http.ReceiverContractTest",
            "org.replkit.receivers.http.AdmissionLimitTest",
            "org.replkit.receivers.http.SignatureCheckTest",
            "org.replkit.receivers.store.StoreContractTest");

    /** The reference code, relative to the module (Maven runs tests there). */
    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    /** Receiver and status ids: SYNC-*, PAT-*, MET-*, STAT-*, SIG-*; E2E-01 is the sender's path, not this code's. */
    private static final Pattern ENFORCED_ID = Pattern.compile("\\b((?:SYNC|PAT|MET|STAT|SIG)-[A-Z]+-\\d{2})\\b");

    @Test
    void everyReceiverRuleHasATaggedTest() throws ClassNotFoundException {
        Set<String> tagged = new TreeSet<>();
        for (String name : TEST_CLASSES) {
            for (Method m : Class.forName(name).getDeclaredMethods()) {
                Arrays.stream(m.getAnnotationsByType(Tag.class)).map(Tag::value).forEach(tagged::add);
            }
        }
        Set<String> receiverRules = RequirementCatalogue.get().all().stream()
                .filter(r -> r.appliesTo("patterns") || r.appliesTo("metrics"))
                .filter(r -> !r.needs().contains("sender-db"))    // end to end: proven by the conformance suite
                .map(Requirement::id)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> untested = receiverRules.stream().filter(id -> !tagged.contains(id)).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), untested, "receiver rules without a tagged test");
        Set<String> unknown = tagged.stream().filter(id -> RequirementCatalogue.get().find(id).isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown, "tags that name no requirement");
    }

    @Test
    void everyReceiverAndStatusRuleIsNamedWhereTheReferenceCodeEnforcesIt() {
        Set<String> named = idsNamedIn(mainSources());
        assertEquals(Set.of(), missing(enforcedRules(), named), "receiver and status rules that no reference code names");
        Set<String> unknown = named.stream().filter(id -> RequirementCatalogue.get().find(id).isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unknown, "ids in the reference code that name no requirement");
    }

    @Test
    void aRuleNamedNowhereIsReported() {
        // The check itself can fail: source text lacking one rule's id leaves exactly that rule missing.
        String sources = mainSources().replace("SYNC-HDR-01", "SYNC-HDR-XX");
        assertEquals(Set.of("SYNC-HDR-01"), missing(enforcedRules(), idsNamedIn(sources)));
    }

    private static Set<String> enforcedRules() {
        return RequirementCatalogue.get().all().stream().map(Requirement::id)
                .filter(id -> ENFORCED_ID.matcher(id).matches())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> missing(Set<String> rules, Set<String> named) {
        return rules.stream().filter(id -> !named.contains(id)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> idsNamedIn(String text) {
        Set<String> ids = new TreeSet<>();
        Matcher m = ENFORCED_ID.matcher(text);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String mainSources() {
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            StringBuilder all = new StringBuilder();
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(p)).append('\n');
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
