package org.replkit.conformance.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.replkit.conformance.records.BoundaryValues;
import org.replkit.conformance.records.JsonBody;
import org.replkit.conformance.records.Sendability;
import org.replkit.conformance.records.ValueClass;

/**
 * What the contract says about a whole request, read from the request alone (never from the answer):
 * a delivery the sender could make (a receiver must accept it), a client mistake (owned by the rule
 * that says it must be refused), or something in between that a receiver may accept or refuse.
 * The record itself is {@link Sendability}'s; this adds the body's size and encoding, the
 * Content-Type and the headers, each mistake owned as kit verify owns it.
 */
final class Oracle {

    /** The headers the sender sends; any other is one it never sends. */
    private static final Set<String> SENDER_HEADERS = Set.of("content-type", "authorization",
            FuzzCase.EVENT_TYPE.toLowerCase(Locale.ROOT), FuzzCase.TABLE.toLowerCase(Locale.ROOT),
            FuzzCase.RECORD_ID.toLowerCase(Locale.ROOT));

    private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]+)", Pattern.CASE_INSENSITIVE);

    private Oracle() {}

    static ValueClass classify(Request r) {
        if (r.body().length > BoundaryValues.ONE_MIB) {
            return ValueClass.invalid("SYNC-ERR-05", "the body is " + r.body().length + " bytes, over 1 MiB");
        }
        List<ValueClass> parts = new ArrayList<>();
        boolean otherCharset = false;
        String ct = r.contentType();
        if (ct == null) {
            return ValueClass.invalid("SYNC-ERR-04", "no Content-Type");
        }
        String media = ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals(Request.JSON)) {
            return ValueClass.invalid("SYNC-ERR-04", "Content-Type " + (ct.isEmpty() ? "is empty" : ct + " is not application/json"));
        }
        if (!ct.equals(Request.JSON)) {
            parts.add(ValueClass.allowed("Content-Type " + ct + " names JSON, though not as the sender writes it"));
            Matcher charset = CHARSET.matcher(ct);
            otherCharset = charset.find() && !charset.group(1).equalsIgnoreCase("utf-8") && !charset.group(1).equalsIgnoreCase("utf8");
        }
        if (r.body().length > BoundaryValues.EVERY_RECEIVER_TAKES) {
            // Below 1 MiB a body's size is the receiver's own limit to choose: it may refuse, never 5xx.
            parts.add(ValueClass.allowed("the body is " + r.body().length + " bytes, over the "
                    + BoundaryValues.EVERY_RECEIVER_TAKES / 1024 + " KiB every receiver must take"));
        }
        JsonBody.Parsed parsed = JsonBody.parse(r.body());
        if (!parsed.isJson()) {
            if (otherCharset && !isUtf8(r.body())) {
                // Bytes in the charset the Content-Type names: a receiver may honour it or insist on UTF-8.
                return ValueClass.allowed("the body is in the charset the Content-Type names, not UTF-8");
            }
            return ValueClass.invalid("SYNC-ERR-02", parsed.problem());
        }
        if (parsed.duplicateKeys()) {
            parts.add(ValueClass.allowed("an object names a key twice; no catalogue rule says which copy counts"));
        }
        ValueClass record = Sendability.of(r.kind()).record(parsed.node());
        parts.add(record);
        boolean anySync = false;
        boolean allSync = true;
        for (String h : List.of(FuzzCase.EVENT_TYPE, FuzzCase.TABLE, FuzzCase.RECORD_ID)) {
            boolean present = header(r.headers(), h) != null;
            anySync |= present;
            allSync &= present;
        }
        String table = header(r.headers(), FuzzCase.TABLE);
        if (table != null && !table.equals(r.kind().table())) {
            parts.add(table.trim().equalsIgnoreCase(r.kind().table())
                    ? ValueClass.allowed(FuzzCase.TABLE + " '" + table + "' names the table, though not as the sender writes it")
                    : ValueClass.invalid("SYNC-HDR-02", FuzzCase.TABLE + " '" + table + "' is not " + r.kind().table()));
        }
        String event = header(r.headers(), FuzzCase.EVENT_TYPE);
        if (event != null && !event.equals("INSERT") && !event.equals("UPDATE")) {
            parts.add(event.trim().equals("INSERT") || event.trim().equals("UPDATE")
                    ? ValueClass.allowed(FuzzCase.EVENT_TYPE + " '" + event + "' has spaces around it")
                    : ValueClass.invalid("SYNC-HDR-03", FuzzCase.EVENT_TYPE + " '" + event + "' is not INSERT or UPDATE"));
        }
        String recordId = header(r.headers(), FuzzCase.RECORD_ID);
        com.fasterxml.jackson.databind.JsonNode bodyId = parsed.node().isObject() ? parsed.node().get("id") : null;
        if (recordId != null && bodyId != null && bodyId.isTextual() && !recordId.equals(bodyId.textValue())) {
            parts.add(recordId.trim().equalsIgnoreCase(bodyId.textValue())
                    ? ValueClass.allowed(FuzzCase.RECORD_ID + " names the body's id, though not as the sender writes it")
                    : ValueClass.invalid("SYNC-HDR-01", FuzzCase.RECORD_ID + " '" + recordId + "' is not the body's id"));
        }
        if (anySync && !allSync) {
            parts.add(ValueClass.allowed("only some of the X-Sync-* headers; the sender sends all or, by hand, none"));
        }
        for (String name : r.headers().keySet()) {
            if (!SENDER_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                parts.add(ValueClass.allowed("the header " + name + ", which the sender never sends"));
            }
        }
        ValueClass all = Sendability.combine(parts);
        if (all.isSendable()) {
            // The record's own owner (SYNC-ACCEPT-01 or -02); a delivery by hand is SYNC-HDR-04's.
            return anySync ? record : ValueClass.sendable("SYNC-HDR-04", "a valid record without the X-Sync-* headers");
        }
        return all;
    }

    private static String header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
