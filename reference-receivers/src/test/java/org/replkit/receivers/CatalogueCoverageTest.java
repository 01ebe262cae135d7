package org.replkit.receivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/**
 * Every receiver rule of the catalogue is proven by at least one test of this module, found by
 * the requirement id in its @Tag. A rule added to the catalogue without a test fails here.
 */
class CatalogueCoverageTest {

    private static final List<String> TEST_CLASSES = List.of(
            "org.replkit.receivers.http.ReceiverContractTest",
            "org.replkit.receivers.store.StoreContractTest");

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
}
