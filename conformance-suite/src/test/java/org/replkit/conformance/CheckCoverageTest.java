package org.replkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.replkit.conformance.checks.CheckClasses;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.run.ConformanceRunner;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/** Every requirement kit verify covers has a check, and every check names a real requirement at its level. */
class CheckCoverageTest {

    @Test
    void everyCoveredRequirementHasACheck() {
        Set<String> checked = new TreeSet<>();
        checks().forEach(c -> checked.add(c.id()));
        List<String> missing = ConformanceRunner.covered().stream().map(Requirement::id)
                .filter(id -> !checked.contains(id)).toList();
        assertTrue(missing.isEmpty(), "requirements without a check: " + missing);
        assertTrue(checked.contains("E2E-01"));
    }

    @Test
    void checksNameRealRequirementsAtTheirLevel() {
        for (RequirementCheck c : checks()) {
            Requirement r = RequirementCatalogue.get().find(c.id())
                    .orElseThrow(() -> new AssertionError("a check names " + c.id() + ", which the catalogue lacks"));
            assertEquals(r.level(), c.level(), c.id() + ": the check's level differs from the catalogue's");
        }
    }

    @Test
    void senderOnlyRequirementsAreLeftToTheSenderTests() {
        List<String> covered = ConformanceRunner.covered().stream().map(Requirement::id).toList();
        assertTrue(covered.stream().noneMatch(id -> id.startsWith("SND-")), covered.toString());
    }

    static List<RequirementCheck> checks() {
        List<RequirementCheck> out = new ArrayList<>();
        for (Class<?> c : CheckClasses.ALL) {
            for (Method m : c.getDeclaredMethods()) {
                RequirementCheck rc = m.getAnnotation(RequirementCheck.class);
                if (rc != null) {
                    out.add(rc);
                }
            }
        }
        return out;
    }
}
