package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.quicktheories.core.Gen;
import org.replkit.conformance.checks.support.BadInput;
import org.replkit.conformance.checks.support.Cases;
import org.replkit.conformance.checks.support.NothingStored;
import org.replkit.conformance.checks.support.InputProperty;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.Refusals;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.checks.support.Unobserved;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.RecordGen;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.Violation;
import org.replkit.conformance.records.Violations;
import org.replkit.spec.Level;

/**
 * Every single-field violation of a rule is refused with 400. Each requirement gets exactly the
 * violations that are its own (see {@link Violations}), so a failing case is attributed to the
 * right requirement and level; a 5xx or another 4xx is {@link Refusals#FORM}'s to judge. The sender's
 * own CHECK constraints keep every one of these inputs from it, so all of them are SHOULDs. Each
 * violation is a case: tried once on a complete record, then on records generated from the schema,
 * where a failure shrinks to a minimal record; every failing case is reported.
 */
public class ValidationChecks {

    @RequirementCheck(id = "SYNC-VAL-01", level = Level.SHOULD,
            title = "a record whose id is missing or not a UUID is answered 400 and nothing is stored")
    void idMustBeAUuid(ReceiverUnderTest r) {
        rejectedAndNotStored(r, "SYNC-VAL-01");
    }

    @RequirementCheck(id = "SYNC-VAL-02", level = Level.SHOULD,
            title = "a record whose updated_at is missing or not a timestamp is answered 400 and nothing is stored")
    void updatedAtMustBeATimestamp(ReceiverUnderTest r) {
        rejectedAndNotStored(r, "SYNC-VAL-02");
    }

    @RequirementCheck(id = "SYNC-VAL-03", level = Level.SHOULD,
            title = "a record with a field of the wrong type is answered 400 and nothing is stored")
    void fieldsMustHaveTheirTypes(ReceiverUnderTest r) {
        rejectedAndNotStored(r, "SYNC-VAL-03");
    }

    @RequirementCheck(id = "PAT-VAL-01", level = Level.SHOULD,
            title = "a pattern missing a required field is answered 400")
    void patternRequiredFields(ReceiverUnderTest r) {
        rejected(r, "PAT-VAL-01", null, new Unobserved());
    }

    @RequirementCheck(id = "PAT-VAL-02", level = Level.SHOULD,
            title = "a pattern with a value out of range is answered 400")
    void patternRanges(ReceiverUnderTest r) {
        rejected(r, "PAT-VAL-02", null, new Unobserved());
    }

    @RequirementCheck(id = "MET-VAL-01", level = Level.SHOULD,
            title = "a metrics record missing a required field is answered 400")
    void metricsRequiredFields(ReceiverUnderTest r) {
        rejected(r, "MET-VAL-01", null, new Unobserved());
    }

    @RequirementCheck(id = "MET-VAL-02", level = Level.SHOULD,
            title = "a metrics record out of range, with periods or percentiles out of order, is answered 400")
    void metricsRanges(ReceiverUnderTest r) {
        rejected(r, "MET-VAL-02", null, new Unobserved());
    }

    private static void rejectedAndNotStored(ReceiverUnderTest r, String requirement) {
        Unobserved unobserved = new Unobserved();
        rejected(r, requirement, NothingStored.from(r, unobserved), unobserved);
    }

    /**
     * Each violation is a case of its own: once on a complete record, then, if that was refused, on
     * records generated from the schema, where a failure shrinks to a minimal record. Every failing
     * case is reported; the first decides the outcome.
     *
     * @param probe checks that nothing was stored, or null where the requirement asks only for the 400
     */
    private static void rejected(ReceiverUnderTest r, String requirement, NothingStored probe, Unobserved unobserved) {
        List<Violation> violations = Violations.of(r.kind(), requirement);
        // The run's examples are shared among the cases, as they were when one property drew the violation.
        int examples = Math.max(2, -Math.floorDiv(-r.target().settings().examples(), Math.max(1, violations.size())));
        Cases cases = new Cases(r.target());
        for (Violation v : violations) {
            cases.run(v.description(), () -> {
                tryOne(r, requirement, v, Samples.fresh(r.kind()), probe, unobserved);
                Gen<Case> generated = new RecordGen(r.kind()).templates().map(t -> new Case(t, v)).describedAs(Case::toString);
                InputProperty.check(r.target(), examples, generated,
                        c -> tryOne(r, requirement, v, RecordGen.withId(c.template(), UUID.randomUUID()), probe, unobserved));
            });
        }
        cases.finish();
        unobserved.finish();
    }

    private static void tryOne(ReceiverUnderTest r, String requirement, Violation v, ObjectNode valid, NothingStored probe,
                               Unobserved unobserved) {
        ObjectNode invalid = v.applyTo(valid);
        String what = "a record where " + v.description();
        BadInput input = new BadInput(requirement, what, ReceiverUnderTest.bytes(invalid), ReceiverUnderTest.JSON,
                r.syncHeaders(invalid, "INSERT"), Set.of(400));
        Answer a = input.sendTo(r);
        if (Refusals.refusedAsOwnerWants(input, a, unobserved) && probe != null) {
            probe.verify(a, valid, what);
        }
    }

    /** A violation applied to a generated record. */
    record Case(ObjectNode template, Violation violation) {
        @Override
        public String toString() {
            return violation.description() + " in " + violation.applyTo(template);
        }
    }
}
