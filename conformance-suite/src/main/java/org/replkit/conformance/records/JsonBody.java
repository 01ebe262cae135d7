package org.replkit.conformance.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request body read as the kit reads it before judging it: strictly UTF-8, one JSON value, no
 * trailing tokens, numbers kept exact, duplicate keys noticed. No limit of the parser's own decides
 * anything: nesting, number and string lengths are left to {@link Sendability} and {@link SenderColumns}.
 */
public final class JsonBody {

    private static final StreamReadConstraints GENEROUS = StreamReadConstraints.builder()
            .maxNestingDepth(1_000_000).maxNumberLength(1_000_000).maxStringLength(256 * 1024 * 1024).build();
    private static final ObjectMapper STRICT = mapper(true);
    private static final ObjectMapper LENIENT = mapper(false);

    private JsonBody() {}

    /**
     * A request body as JSON: strictly UTF-8, one value, no trailing tokens, numbers kept exact.
     *
     * @param node          the document, or null when it is not JSON
     * @param duplicateKeys an object in it names a key twice (the last copy is in {@code node})
     * @param problem       why it is not JSON, or null
     */
    public record Parsed(JsonNode node, boolean duplicateKeys, String problem) {
        public boolean isJson() {
            return node != null;
        }
    }

    public static Parsed parse(byte[] body) {
        if (body.length == 0) {
            return new Parsed(null, false, "the body is empty");
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            return new Parsed(null, false, "the body is not UTF-8");
        }
        try {
            return new Parsed(present(STRICT.readTree(body)), false, null);
        } catch (JsonProcessingException e) {
            if (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field")) {
                try {
                    return new Parsed(present(LENIENT.readTree(body)), true, null);
                } catch (IOException again) {
                    return new Parsed(null, false, "not JSON: " + firstLine(again.getMessage()));
                }
            }
            return new Parsed(null, false, "not JSON: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            return new Parsed(null, false, "not JSON: " + firstLine(e.getMessage()));
        }
    }

    /** One JSON value as text (a boundary value), numbers kept exact. */
    public static JsonNode parseValue(String json) {
        try {
            return LENIENT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON value: " + json, e);
        }
    }

    private static JsonNode present(JsonNode n) throws JsonProcessingException {
        if (n == null || n.isMissingNode()) {
            throw new com.fasterxml.jackson.core.JsonParseException(null, "no JSON value (only whitespace)");
        }
        return n;
    }

    private static ObjectMapper mapper(boolean strict) {
        com.fasterxml.jackson.core.JsonFactory factory = com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(GENEROUS).build();
        JsonMapper.Builder b = JsonMapper.builder(factory)
                .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);
        if (strict) {
            b.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
        }
        return b.build();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
