package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.replkit.conformance.model.Exchange;
import org.replkit.spec.SchemaValidator;
import org.replkit.spec.SyncHeaders;
import org.replkit.spec.SyncTable;

/**
 * SND-HDR-01: an INSERT and an UPDATE of a record of each table; every request is a POST with
 * Content-Type application/json, X-Sync-Event-Type matching the change, X-Sync-Table naming the
 * table, X-Sync-Record-Id naming the record, and the row as a JSON object valid against the record schema.
 */
public final class HeadersScenario extends SenderScenario {

    private static final SchemaValidator SCHEMAS = new SchemaValidator();

    public HeadersScenario() {
        super("SND-HDR-01", Phase.PARALLEL,
                "an INSERT and an UPDATE per table arrive with the spec's headers and the row as a JSON object valid against its schema");
    }

    @Override
    public Judgement run(ScenarioContext c) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Exchange> evidence = new ArrayList<>();
        for (SyncTable table : SyncTable.values()) {
            UUID id = UUID.randomUUID();
            c.firstArrival(c.receiver(table), id, "");
            c.update(table, id, 2);
            List<Arrival> got = c.awaitCount(table, id, 2, c.timing().arrivalBound().multipliedBy(3));
            for (Arrival a : got) {
                List<String> wrong = problems(a, table, id);
                if (!wrong.isEmpty()) {
                    problems.addAll(wrong);
                    evidence.add(a.evidence(c.committedAt(id, a.version().orElse(1L)), String.join("; ", wrong)));
                }
            }
        }
        return Judgement.passedUnless(problems,
                "POST, Content-Type: application/json, X-Sync-Event-Type INSERT or UPDATE as the change, X-Sync-Table the table,"
                        + " X-Sync-Record-Id the record, the row as a JSON object valid against the record schema", evidence);
    }

    /** What is wrong with one request, each a short sentence naming the header or the body. */
    static List<String> problems(Arrival a, SyncTable table, UUID id) {
        List<String> wrong = new ArrayList<>();
        if (!"POST".equals(a.method())) {
            wrong.add("method " + a.method() + ", not POST");
        }
        String type = a.header("Content-Type").orElse(null);
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            wrong.add("Content-Type " + (type == null ? "missing" : type) + ", not application/json");
        }
        String expectedEvent = a.version().map(v -> v <= 1 ? SyncHeaders.INSERT : SyncHeaders.UPDATE)
                .orElse(a.attempt() == 1 ? SyncHeaders.INSERT : SyncHeaders.UPDATE);
        header(wrong, a, SyncHeaders.EVENT_TYPE, expectedEvent);
        header(wrong, a, SyncHeaders.TABLE, table.tableName());
        header(wrong, a, SyncHeaders.RECORD_ID, id.toString());
        JsonNode body = a.json().orElse(null);
        if (body == null) {
            wrong.add("the body is not JSON");
        } else if (body.isTextual()) {
            wrong.add("the body is a JSON string holding the row, not the row as a JSON object");
        } else if (!body.isObject()) {
            wrong.add("the body is a JSON " + body.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object");
        } else {
            var violations = SCHEMAS.violations(table.recordSchema(), a.bodyText());
            if (!violations.isEmpty()) {
                wrong.add("the body is not valid against the " + table.tableName() + " record schema: " + violations.get(0));
            }
            if (!id.toString().equals(body.path("id").asText(null))) {
                wrong.add("the body's id is " + body.path("id") + ", not " + id);
            }
        }
        return wrong;
    }

    private static void header(List<String> wrong, Arrival a, String name, String expected) {
        String value = a.header(name).orElse(null);
        if (!expected.equals(value)) {
            wrong.add(name + " " + (value == null ? "missing" : "is " + value) + ", expected " + expected);
        }
    }
}
