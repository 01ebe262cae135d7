package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.NothingStored;
import org.replkit.conformance.checks.support.Property;
import org.replkit.conformance.checks.support.Receiver;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.RecordGen;
import org.replkit.conformance.records.Samples;
import org.replkit.conformance.records.Violation;
import org.replkit.conformance.records.Violations;
import org.replkit.spec.Level;

/**
 * Every single-field violation of a rule is answered 400. Each requirement gets exactly the
 * violations that are its own (see {@link Violations}), so a failing case is attributed to the
 * right requirement and level. Each violation is tried once on a complete record, then on records
 * generated from the schema; a failure shrinks to a minimal record.
 */
public class ValidationChecks {

    @RequirementCheck(id = "SYNC-VAL-01", level = Level.MUST,
            title = "a record whose id is missing or not a UUID is answered 400 and nothing is stored")
    void idMustBeAUuid(Receiver r) {
        rejectedAndNotStored(r, "SYNC-VAL-01");
    }

    @RequirementCheck(id = "SYNC-VAL-02", level = Level.MUST,
            title = "a record whose updated_at is missing or not a timestamp is answered 400 and nothing is stored")
    void updatedAtMustBeATimestamp(Receiver r) {
        rejectedAndNotStored(r, "SYNC-VAL-02");
    }

    @RequirementCheck(id = "SYNC-VAL-03", level = Level.MUST,
            title = "a record with a field of the wrong type is answered 400 and nothing is stored")
    void fieldsMustHaveTheirTypes(Receiver r) {
        rejectedAndNotStored(r, "SYNC-VAL-03");
    }

    @RequirementCheck(id = "PAT-VAL-01", level = Level.SHOULD,
            title = "a pattern missing a required field is answered 400")
    void patternRequiredFields(Receiver r) {
        rejected(r, "PAT-VAL-01", null);
    }

    @RequirementCheck(id = "PAT-VAL-02", level = Level.SHOULD,
            title = "a pattern with a value out of range is answered 400")
    void patternRanges(Receiver r) {
        rejected(r, "PAT-VAL-02", null);
    }

    @RequirementCheck(id = "MET-VAL-01", level = Level.SHOULD,
            title = "a metrics record missing a required field is answered 400")
    void metricsRequiredFields(Receiver r) {
        rejected(r, "MET-VAL-01", null);
    }

    @RequirementCheck(id = "MET-VAL-02", level = Level.SHOULD,
            title = "a metrics record out of range, with periods or percentiles out of order, is answered 400")
    void metricsRanges(Receiver r) {
        rejected(r, "MET-VAL-02", null);
    }

    private static void rejectedAndNotStored(Receiver r, String requirement) {
        rejected(r, requirement, NothingStored.from(r));
    }

    /** @param probe checks that nothing was stored, or null where the requirement asks only for the 400 */
    private static void rejected(Receiver r, String requirement, NothingStored probe) {
        List<Violation> violations = Violations.of(r.kind(), requirement);
        for (Violation v : violations) {
            tryOne(r, v, Samples.fresh(r.kind()), probe);
        }
        Gen<Case> cases = new RecordGen(r.kind()).templates().zip(Generate.pick(violations), Case::new)
                .describedAs(Case::toString);
        Property.check(r.target(), cases, c -> tryOne(r, c.violation(), RecordGen.withId(c.template(), UUID.randomUUID()), probe));
    }

    private static void tryOne(Receiver r, Violation v, ObjectNode valid, NothingStored probe) {
        ObjectNode invalid = v.applyTo(valid);
        Answer a = r.deliver(invalid);
        Expect.status(a, 400, "a record where " + v.description());
        if (probe != null) {
            probe.verify(a, valid, "a record where " + v.description());
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
