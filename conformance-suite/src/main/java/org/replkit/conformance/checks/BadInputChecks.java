package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.replkit.conformance.checks.support.BadInput;
import org.replkit.conformance.checks.support.Cases;
import org.replkit.conformance.checks.support.CheckFailure;
import org.replkit.conformance.checks.support.InputProperty;
import org.replkit.conformance.checks.support.ReceiverUnderTest;
import org.replkit.conformance.checks.support.Refusals;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.checks.support.Unobserved;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.model.NotApplicable;
import org.replkit.conformance.records.RecordGen;
import org.replkit.conformance.records.Samples;
import org.replkit.spec.Level;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/**
 * Client mistakes. Each mistake belongs to one requirement, which says it must be refused
 * (SYNC-ERR-02 for bodies that are not a JSON object, SYNC-ERR-04 for content types, SYNC-ERR-05 for
 * size, the header and validation rules for the rest); SYNC-ERR-07 says how any refusal is answered,
 * SYNC-ERR-03 what a 400 carries and SYNC-ERR-06 what no error answer shows. See {@link Refusals}.
 */
public class BadInputChecks {

    /** One MiB is the limit; twice that is clearly over it. */
    static final int OVERSIZED_BYTES = 2 * 1024 * 1024;

    /** What an internal detail looks like in an answer: exception names, stack frames, source lines. */
    static final Pattern INTERNALS = Pattern.compile(
            "\\b[A-Z]\\w*(Exception|Error)\\b|^\\s*at [\\w$.]+\\(|\\.(java|kt|scala|ex|exs|py|rb|go|js|ts):\\d+"
                    + "|Traceback \\(most recent call last\\)|\\bjava\\.(lang|io|util)\\.|\\borg\\.eclipse\\.jetty\\.",
            Pattern.MULTILINE);

    @RequirementCheck(id = "SYNC-ERR-02", level = Level.SHOULD,
            title = "malformed JSON, non-objects and empty bodies are refused with 400")
    void notAJsonObjectIsRefused(ReceiverUnderTest r) {
        Unobserved unobserved = new Unobserved();
        Cases cases = new Cases(r.target());
        for (BadInput input : BadInput.notJson(r.kind())) {
            cases.run(input.name(), () -> Refusals.refusedAsOwnerWants(input, input.sendTo(r), unobserved));
        }
        // Any cut of a valid record is malformed JSON.
        cases.run("a record cut off", () -> InputProperty.check(r.target(), truncatedRecords(r), input ->
                Refusals.refusedAsOwnerWants(input, input.sendTo(r), unobserved)));
        cases.finish();
        unobserved.finish();
    }

    @RequirementCheck(id = "SYNC-ERR-03", level = Level.MUST,
            title = "every 400 answer carries {status: \"error\", error, message}")
    void errorsHaveTheErrorShape(ReceiverUnderTest r) {
        SchemaValidator validator = r.target().validator();
        int[] seen = {0};
        Cases cases = new Cases(r.target());
        for (BadInput input : BadInput.battery(r.kind())) {
            Answer a = input.sendTo(r);
            if (a.status() != 400) {
                continue;
            }
            seen[0]++;
            cases.run(input.name(), () -> {
                if (a.json().isEmpty()) {
                    throw new CheckFailure(input.name() + ": the 400 answer is not JSON", "a JSON error body",
                            a.body().isEmpty() ? "an empty body" : "text", List.of(a.exchange()));
                }
                List<SchemaValidator.Violation> v = validator.violations(SpecSchema.ERROR, a.body());
                if (!v.isEmpty()) {
                    throw new CheckFailure(input.name() + ": the 400 answer does not have the error shape: "
                            + v.stream().map(SchemaValidator.Violation::message).toList(),
                            "{status: \"error\", error, message}", a.body(), List.of(a.exchange()));
                }
            });
        }
        cases.finish();
        if (seen[0] == 0) {
            throw new NotApplicable("none of " + BadInput.battery(r.kind()).size() + " client mistakes was answered 400,"
                    + " so there is no error body to judge (the rules each mistake belongs to judge the answers)");
        }
    }

    @RequirementCheck(id = "SYNC-ERR-04", level = Level.SHOULD,
            title = "a body sent as text/plain, form data or XML is refused with 400 or 415")
    void wrongContentTypeIsRefused(ReceiverUnderTest r) {
        Unobserved unobserved = new Unobserved();
        Cases cases = new Cases(r.target());
        for (BadInput input : BadInput.wrongContentTypes(r.kind())) {
            cases.run(input.name(), () -> Refusals.refusedAsOwnerWants(input, input.sendTo(r), unobserved));
        }
        cases.finish();
        unobserved.finish();
    }

    @RequirementCheck(id = "SYNC-ERR-05", level = Level.SHOULD,
            title = "a 2 MiB body is refused with 413")
    void oversizedBodyIs413(ReceiverUnderTest r) {
        Unobserved unobserved = new Unobserved();
        BadInput input = oversized(r);
        Refusals.refusedAsOwnerWants(input, input.sendTo(r), unobserved);
        unobserved.finish();
    }

    @RequirementCheck(id = "SYNC-ERR-06", level = Level.SHOULD,
            title = "error answers show no stack trace and no internal exception name")
    void errorsShowNoInternals(ReceiverUnderTest r) {
        List<BadInput> inputs = new ArrayList<>(BadInput.battery(r.kind()));
        inputs.add(oversized(r));
        int errors = 0;
        Cases cases = new Cases(r.target());
        for (BadInput input : inputs) {
            Answer a = input.sendTo(r);
            if (!a.answered() || a.status() < 400) {
                continue;
            }
            errors++;
            cases.run(input.name(), () -> {
                Matcher m = INTERNALS.matcher(a.body());
                if (m.find()) {
                    throw new CheckFailure("the " + a.status() + " answer to " + input.name() + " shows an internal detail: \""
                            + m.group() + "\"", "no internal detail", m.group(), List.of(a.exchange()));
                }
            });
        }
        cases.finish();
        if (errors == 0) {
            throw new NotApplicable("no client mistake got an error answer, so there is none to read");
        }
    }

    @RequirementCheck(id = "SYNC-ERR-07", level = Level.MUST,
            title = "every refusal of a client mistake is 400, 413 or 415: never a 5xx, another 4xx or a dropped connection")
    void refusalsAre400413Or415(ReceiverUnderTest r) {
        int[] refused = {0};
        List<BadInput> inputs = new ArrayList<>(BadInput.battery(r.kind()));
        inputs.add(oversized(r));
        Cases cases = new Cases(r.target());
        for (BadInput input : inputs) {
            cases.run(input.name(), () -> refusedInForm(input, input.sendTo(r), refused));
        }
        cases.run("a record cut off", () ->
                InputProperty.check(r.target(), truncatedRecords(r), input -> refusedInForm(input, input.sendTo(r), refused)));
        cases.finish();
        if (refused[0] == 0) {
            throw new NotApplicable("the receiver refused none of the client mistakes sent, so there is no refusal to"
                    + " judge (the rules each mistake belongs to judge that they were acknowledged)");
        }
    }

    private static void refusedInForm(BadInput input, Answer a, int[] refused) {
        Refusals.Judgement j = Refusals.judge(input, a);
        if (j.violates(Refusals.FORM)) {
            throw new CheckFailure(j.message(), "400, 413 or 415", a.describeStatus(), List.of(a.exchange()));
        }
        if (!a.is2xx()) {
            refused[0]++;
        }
    }

    /** Cuts of a valid record: every one is malformed JSON, and belongs to SYNC-ERR-02. */
    private static Gen<BadInput> truncatedRecords(ReceiverUnderTest r) {
        return new RecordGen(r.kind()).templates().zip(SourceDSL.integers().between(1, 999), (t, permille) -> {
            // An id drawn from the template, not at random, so that --seed repeats the example.
            String json = RecordGen.withId(t, UUID.nameUUIDFromBytes(t.toString().getBytes(StandardCharsets.UTF_8))).toString();
            String cut = json.substring(0, Math.max(1, Math.min(json.length() - 1, json.length() * permille / 1000)));
            return new BadInput("SYNC-ERR-02", "a record cut off after " + cut.length() + " characters",
                    cut.getBytes(StandardCharsets.UTF_8), ReceiverUnderTest.JSON, java.util.Map.of(), Set.of(400));
        }).describedAs(b -> new String(b.body(), StandardCharsets.UTF_8));
    }

    static BadInput oversized(ReceiverUnderTest r) {
        ObjectNode record = Samples.fresh(r.kind());
        record.put("x_padding", "x".repeat(OVERSIZED_BYTES));
        return new BadInput("SYNC-ERR-05", "a 2 MiB record (announced with Expect: 100-continue, as curl sends it)",
                ReceiverUnderTest.bytes(record), ReceiverUnderTest.JSON, r.syncHeaders(record, "INSERT"), Set.of(413));
    }
}
