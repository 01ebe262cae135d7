package org.replkit.conformance.checks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.replkit.conformance.checks.support.BadInput;
import org.replkit.conformance.checks.support.Expect;
import org.replkit.conformance.checks.support.Property;
import org.replkit.conformance.checks.support.Receiver;
import org.replkit.conformance.checks.support.RequirementCheck;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.records.RecordGen;
import org.replkit.conformance.records.Samples;
import org.replkit.spec.Level;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SpecSchema;

/** Client mistakes get a 4xx with a clean error body, never a 5xx, never a 2xx. */
public class BadInputChecks {

    /** One MiB is the limit; twice that is clearly over it. */
    static final int OVERSIZED_BYTES = 2 * 1024 * 1024;

    /** What an internal detail looks like in an answer: exception names, stack frames, source lines. */
    static final Pattern INTERNALS = Pattern.compile(
            "\\b[A-Z]\\w*(Exception|Error)\\b|^\\s*at [\\w$.]+\\(|\\.(java|kt|scala|ex|exs|py|rb|go|js|ts):\\d+"
                    + "|Traceback \\(most recent call last\\)|\\bjava\\.(lang|io|util)\\.|\\borg\\.eclipse\\.jetty\\.",
            Pattern.MULTILINE);

    @RequirementCheck(id = "SYNC-ERR-01", level = Level.MUST,
            title = "malformed JSON, non-objects, empty bodies, wrong content types, invalid records and wrong headers get a 4xx")
    void clientMistakesGetA4xx(Receiver r) {
        for (BadInput input : BadInput.battery(r.kind())) {
            Answer a = input.sendTo(r);
            is4xx(a, input.name());
        }
        // Any cut of a valid record is malformed JSON; no cut may get a 2xx or a 5xx.
        Gen<String> truncated = new RecordGen(r.kind()).templates().zip(SourceDSL.integers().between(1, 999),
                (t, permille) -> {
                    // An id drawn from the template, not at random, so that KIT_VERIFY_SEED repeats the example.
                    String json = RecordGen.withId(t, java.util.UUID.nameUUIDFromBytes(
                            t.toString().getBytes(StandardCharsets.UTF_8))).toString();
                    return json.substring(0, Math.max(1, Math.min(json.length() - 1, json.length() * permille / 1000)));
                }).describedAs(s -> s);
        Property.check(r.target(), truncated, body -> {
            Answer a = r.send(body.getBytes(StandardCharsets.UTF_8), Receiver.JSON, Map.of());
            is4xx(a, "a record cut off after " + body.length() + " characters");
        });
    }

    @RequirementCheck(id = "SYNC-ERR-02", level = Level.MUST,
            title = "a body that is not JSON, or is empty, is answered 400")
    void notJsonIs400(Receiver r) {
        for (BadInput input : BadInput.battery(r.kind())) {
            if (input.sort() == BadInput.Sort.NOT_JSON || input.sort() == BadInput.Sort.EMPTY) {
                Expect.status(input.sendTo(r), 400, input.name());
            }
        }
    }

    @RequirementCheck(id = "SYNC-ERR-03", level = Level.SHOULD,
            title = "every 400 answer carries {status: \"error\", error, message}")
    void errorsHaveTheErrorShape(Receiver r) {
        SchemaValidator validator = r.target().validator();
        int seen = 0;
        for (BadInput input : BadInput.battery(r.kind())) {
            Answer a = input.sendTo(r);
            if (a.status() != 400) {
                continue;
            }
            seen++;
            Expect.that(a.json().isPresent(), input.name() + ": the 400 answer is not JSON", a);
            List<SchemaValidator.Violation> v = validator.violations(SpecSchema.ERROR, a.body());
            Expect.that(v.isEmpty(), input.name() + ": the 400 answer does not have the error shape: "
                    + v.stream().map(SchemaValidator.Violation::message).toList(), a);
        }
        Expect.that(seen > 0, "no client mistake was answered 400, so no error body could be checked");
    }

    @RequirementCheck(id = "SYNC-ERR-04", level = Level.SHOULD,
            title = "a body sent as text/plain, form data or XML is answered 400 or 415")
    void wrongContentTypeIs400Or415(Receiver r) {
        for (BadInput input : BadInput.battery(r.kind())) {
            if (input.sort() == BadInput.Sort.WRONG_CONTENT_TYPE) {
                Answer a = input.sendTo(r);
                Expect.that(a.status() == 400 || a.status() == 415,
                        input.name() + ": expected 400 or 415, got " + a.describeStatus(), a);
            }
        }
    }

    @RequirementCheck(id = "SYNC-ERR-05", level = Level.SHOULD,
            title = "a 2 MiB body is answered 413")
    void oversizedBodyIs413(Receiver r) {
        Answer a = r.deliver(oversized(r));
        Expect.status(a, 413, "a 2 MiB record (announced with Expect: 100-continue, as curl sends it)");
    }

    @RequirementCheck(id = "SYNC-ERR-06", level = Level.SHOULD,
            title = "error answers show no stack trace and no internal exception name")
    void errorsShowNoInternals(Receiver r) {
        List<Answer> errors = new ArrayList<>();
        for (BadInput input : BadInput.battery(r.kind())) {
            errors.add(input.sendTo(r));
        }
        errors.add(r.deliver(oversized(r)));
        for (Answer a : errors) {
            if (a.answered() && a.status() >= 400) {
                var m = INTERNALS.matcher(a.body());
                if (m.find()) {
                    Expect.that(false, "the " + a.status() + " answer shows an internal detail: \"" + m.group() + "\"", a);
                }
            }
        }
    }

    static ObjectNode oversized(Receiver r) {
        ObjectNode record = Samples.fresh(r.kind());
        record.put("x_padding", "x".repeat(OVERSIZED_BYTES));
        return record;
    }

    private static void is4xx(Answer a, String what) {
        Expect.that(a.answered(), what + ": no answer (" + a.exchange().error() + "); the sender would retry in vain", a);
        Expect.that(a.status() < 500, what + " got " + a.status() + ": a 5xx makes the sender retry a request that can never succeed", a);
        Expect.that(a.status() >= 400, what + " got " + a.status() + ": a client mistake must not be acknowledged", a);
    }
}
