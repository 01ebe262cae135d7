package org.replkit.conformance.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.quicktheories.QuickTheory;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.BoundaryValues;
import org.replkit.conformance.records.BoundaryValues.Boundary;
import org.replkit.conformance.records.RecordGen;
import org.replkit.conformance.records.ValueClass;

/**
 * The hostile requests of a campaign. Case n is decided by the seed and n alone (its own random
 * stream), so a campaign sends the same requests whatever the concurrency, and {@code --seed}
 * repeats it. The families, by share of the requests:
 * <ul>
 *   <li>boundary values (50%): a valid record with 1 to 4 fields replaced by {@link BoundaryValues};</li>
 *   <li>byte flips (12%) and truncations (8%) of a valid record;</li>
 *   <li>structure (10%): 50,000-deep arrays, a 50,000-deep object, a 2 MB string, a 60 KB record,
 *       top-level arrays, null and other non-objects, an empty body, trailing data, a key given twice;</li>
 *   <li>content types (10%): none, empty, text, form, XML, {@code application/json;;;}, latin1, ...;</li>
 *   <li>header values (10%): odd X-Sync-* values, none at all, and odd unknown headers.</li>
 * </ul>
 * Base records are generated from the record's JSON Schema ({@link RecordGen}), a pool per endpoint.
 */
final class CaseGenerator {

    static final String BOUNDARY = "boundary values";
    static final String FLIPS = "byte flips";
    static final String TRUNCATION = "truncation";
    static final String STRUCTURE = "structure";
    static final String CONTENT_TYPE = "content type";
    static final String HEADERS = "header values";

    private static final int POOL = 200;
    private static final int DEEP = 50_000;
    private static final int TWO_MB = 2_000_000;
    /** A large record every receiver must take (bigger ones are the receiver's own limit to choose). */
    private static final int LARGE = 60_000;

    /** Odd Content-Types: the ones that are not application/json at all, and JSON written oddly. */
    static final List<String> CONTENT_TYPES = List.of("text/plain", "application/x-www-form-urlencoded",
            "application/xml", "multipart/form-data; boundary=kit", "text/json", "application/jsonx", "",
            "application/json;;;", "application/json; charset=utf-8", "APPLICATION/JSON", "application/json, text/plain",
            "application/json; charset=\"UTF-8\"; q=0.9");

    private final List<EndpointKind> kinds;
    private final long seed;
    private final Map<EndpointKind, List<ObjectNode>> templates = new EnumMap<>(EndpointKind.class);
    private final Map<EndpointKind, Map<String, List<Boundary>>> boundaries = new EnumMap<>(EndpointKind.class);
    private final Map<EndpointKind, List<String>> textFields = new EnumMap<>(EndpointKind.class);

    CaseGenerator(List<EndpointKind> kinds, long seed) {
        this.kinds = List.copyOf(kinds);
        this.seed = seed;
        for (EndpointKind k : kinds) {
            templates.put(k, pool(k, seed));
            Map<String, List<Boundary>> byField = new LinkedHashMap<>();
            for (Boundary b : BoundaryValues.of(k)) {
                byField.computeIfAbsent(b.field(), f -> new ArrayList<>()).add(b);
            }
            boundaries.put(k, byField);
            List<String> text = new ArrayList<>();
            new RecordGen(k).schema().path("properties").fields().forEachRemaining(p -> {
                if (isText(p.getValue()) && !p.getValue().has("format") && !p.getKey().equals("id")) {
                    text.add(p.getKey());
                }
            });
            textFields.put(k, text);
        }
    }

    private static boolean isText(com.fasterxml.jackson.databind.JsonNode def) {
        com.fasterxml.jackson.databind.JsonNode type = def.path("type");
        return type.isArray() ? type.toString().contains("\"string\"") : type.asText().equals("string");
    }

    /** Valid record templates drawn from the schema with the campaign's seed. */
    private static List<ObjectNode> pool(EndpointKind kind, long seed) {
        List<ObjectNode> out = new ArrayList<>();
        QuickTheory.qt().withFixedSeed(seed).withExamples(POOL).withShrinkCycles(0)
                .forAll(new RecordGen(kind).templates()).checkAssert(out::add);
        return List.copyOf(out);
    }

    FuzzCase make(long index) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        EndpointKind kind = kinds.get(rnd.nextInt(kinds.size()));
        ObjectNode base = RecordGen.withId(templates.get(kind).get(rnd.nextInt(POOL)), uuid(rnd));
        String event = rnd.nextInt(4) == 0 ? "UPDATE" : "INSERT";
        int family = rnd.nextInt(100);
        if (family < 50) {
            // A third of them only with values the sender can send: records every receiver must accept.
            boolean sendable = rnd.nextInt(3) == 0;
            return new FuzzCase(index, kind, BOUNDARY, base, replacements(kind, rnd, 1 + rnd.nextInt(4), sendable),
                    new Mutation.None(), event);
        }
        if (family < 62) {
            List<Mutation.Flip> flips = new ArrayList<>();
            for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
                flips.add(new Mutation.Flip(rnd.nextInt(1 << 20), 1 + rnd.nextInt(255)));
            }
            return new FuzzCase(index, kind, FLIPS, base, List.of(), new Mutation.Flips(flips), event);
        }
        if (family < 70) {
            return new FuzzCase(index, kind, TRUNCATION, base, List.of(), new Mutation.Truncate(1 + rnd.nextInt(999)), event);
        }
        if (family < 80) {
            return structure(index, kind, base, event, rnd);
        }
        if (family < 90) {
            return contentType(index, kind, base, event, rnd);
        }
        return header(index, kind, base, event, rnd);
    }

    /** n distinct fields, each given one of its boundary values; with {@code sendableOnly} only values the sender can send. */
    private List<Boundary> replacements(EndpointKind kind, SplittableRandom rnd, int n, boolean sendableOnly) {
        List<String> fields = new ArrayList<>(boundaries.get(kind).keySet());
        List<Boundary> out = new ArrayList<>();
        for (int i = 0; i < n && !fields.isEmpty(); i++) {
            String field = fields.remove(rnd.nextInt(fields.size()));
            List<Boundary> values = boundaries.get(kind).get(field).stream()
                    .filter(b -> !sendableOnly || b.valueClass().isSendable()).toList();
            if (!values.isEmpty()) {
                out.add(values.get(rnd.nextInt(values.size())));
            }
        }
        return out;
    }

    private FuzzCase structure(long index, EndpointKind kind, ObjectNode base, String event, SplittableRandom rnd) {
        Mutation m;
        List<Boundary> replaced = List.of();
        switch (rnd.nextInt(14)) {
            case 0 -> m = new Mutation.RawBody(DEEP + " nested arrays", "[".repeat(DEEP) + "]".repeat(DEEP));
            case 1 -> m = new Mutation.Wrap("a JSON array holding the record", "[", "]", false);
            case 2 -> m = new Mutation.RawBody("an empty JSON array", "[]");
            case 3 -> m = new Mutation.RawBody("JSON null", "null");
            case 4 -> m = new Mutation.RawBody("empty", "");
            case 5 -> m = new Mutation.RawBody("a JSON string", "\"" + kind.table() + "\"");
            case 6 -> m = new Mutation.RawBody("a JSON number", "42");
            case 7 -> m = new Mutation.Wrap("the record followed by text", "", " trailing", false);
            case 8 -> m = new Mutation.Wrap("the record twice, back to back", "", "", true);
            case 9 -> {
                // A key twice: the id with the same value, or another field with one of its boundary values first.
                List<String> fields = new ArrayList<>(boundaries.get(kind).keySet());
                String field = fields.get(rnd.nextInt(fields.size()));
                List<Boundary> values = boundaries.get(kind).get(field);
                String first = field.equals("id") ? base.get("id").toString() : values.get(rnd.nextInt(values.size())).json();
                m = new Mutation.DuplicateKey(field, first.length() > 4096 ? "null" : first);
            }
            case 10 -> {
                String field = kind == EndpointKind.PATTERNS ? "examples" : "x_nested";
                replaced = List.of(new Boundary(field, BoundaryValues.nestedObject(DEEP), "nested " + DEEP + " levels deep",
                        ValueClass.allowed(field + " nests " + DEEP + " levels deep")));
                m = new Mutation.None();
            }
            case 11 -> {
                List<String> text = textFields.get(kind);
                String field = text.get(rnd.nextInt(text.size()));
                replaced = List.of(new Boundary(field, "\"" + "x".repeat(TWO_MB) + "\"", "a 2 MB string",
                        ValueClass.invalid("SYNC-ERR-05", "the body is over 1 MiB")));
                m = new Mutation.None();
            }
            case 12 -> {
                // A large record the sender can send: a long description, or a long value in a column added later.
                String field = kind == EndpointKind.PATTERNS ? "description" : "x_notes";
                replaced = List.of(new Boundary(field, "\"" + "w".repeat(LARGE) + "\"", "a " + LARGE / 1000 + " KB string",
                        ValueClass.sendable()));
                m = new Mutation.None();
            }
            default -> m = new Mutation.RawBody("a JSON boolean", "true");
        }
        return new FuzzCase(index, kind, STRUCTURE, base, replaced, m, event);
    }

    private FuzzCase contentType(long index, EndpointKind kind, ObjectNode base, String event, SplittableRandom rnd) {
        int pick = rnd.nextInt(CONTENT_TYPES.size() + 2);
        if (pick == CONTENT_TYPES.size()) {
            return new FuzzCase(index, kind, CONTENT_TYPE, base, List.of(), new Mutation.ContentType(null, false), event);
        }
        if (pick == CONTENT_TYPES.size() + 1) {
            // Latin-1, as the charset says: a text field with characters that differ between the encodings.
            String field = textFields.get(kind).get(0);
            Boundary accented = new Boundary(field, "\"Caf\u00e9 cr\u00e8me \u00fcber\"", "accented Latin-1 letters",
                    ValueClass.sendable());
            return new FuzzCase(index, kind, CONTENT_TYPE, base, List.of(accented),
                    new Mutation.ContentType("application/json; charset=iso-8859-1", true), event);
        }
        return new FuzzCase(index, kind, CONTENT_TYPE, base, List.of(), new Mutation.ContentType(CONTENT_TYPES.get(pick), false), event);
    }

    private FuzzCase header(long index, EndpointKind kind, ObjectNode base, String event, SplittableRandom rnd) {
        String id = base.get("id").asText();
        String otherTable = kind == EndpointKind.PATTERNS ? EndpointKind.METRICS.table() : EndpointKind.PATTERNS.table();
        List<Mutation> choices = List.of(
                new Mutation.Header(FuzzCase.EVENT_TYPE, "DELETE"),
                new Mutation.Header(FuzzCase.EVENT_TYPE, "insert"),
                new Mutation.Header(FuzzCase.EVENT_TYPE, "INSERT, UPDATE"),
                new Mutation.Header(FuzzCase.EVENT_TYPE, "A".repeat(4000)),
                new Mutation.Header(FuzzCase.EVENT_TYPE, "INSERT\u00ff"),
                new Mutation.Header(FuzzCase.TABLE, otherTable),
                new Mutation.Header(FuzzCase.TABLE, kind.table().toUpperCase(java.util.Locale.ROOT)),
                new Mutation.Header(FuzzCase.TABLE, kind.table() + "; DROP TABLE " + kind.table()),
                new Mutation.Header(FuzzCase.RECORD_ID, uuid(rnd).toString()),
                new Mutation.Header(FuzzCase.RECORD_ID, "not-a-uuid"),
                new Mutation.Header(FuzzCase.RECORD_ID, id.toUpperCase(java.util.Locale.ROOT)),
                new Mutation.Header(FuzzCase.RECORD_ID, id + "\u00e9"),
                new Mutation.NoSyncHeaders(),
                new Mutation.Header("X-Kit-Probe", "${jndi:ldap://127.0.0.1:1/kit}"),
                new Mutation.Header("X-Kit-Probe", "() { :; }; echo kit"),
                new Mutation.Header("X-Kit-Probe", "%00%0d%0aSet-Cookie: kit=1"),
                new Mutation.Header("X-Kit-Probe", "\u00e9\u00ff\u00a0"),
                new Mutation.Header("X-Kit-Probe", printable(rnd, 4000)));
        return new FuzzCase(index, kind, HEADERS, base, List.of(), choices.get(rnd.nextInt(choices.size())), event);
    }

    /** Printable ASCII, as many characters as asked. */
    private static String printable(SplittableRandom rnd, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) (0x21 + rnd.nextInt(0x7e - 0x21 + 1)));
        }
        return b.toString();
    }

    /** A version-4 UUID from the case's own random stream. */
    static UUID uuid(SplittableRandom rnd) {
        long high = (rnd.nextLong() & ~0xF000L) | 0x4000L;
        long low = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
