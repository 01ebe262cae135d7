package org.replkit.receivers.record;

import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * How the receivers read and write JSON. Jackson 3, whose tree the contract's schema validator
 * takes, so a request body is parsed once and the schema checks that same tree.
 */
public final class RecordJson {

    /**
     * Nesting deeper than this is refused while parsing. A record is flat and its jsonb fields are
     * shallow; PostgreSQL's jsonb parser accepts about 5,000 levels at the default max_stack_depth
     * and fails with "stack depth limit exceeded" beyond, so 1,000 keeps every stored document
     * readable by the database with a wide margin.
     */
    public static final int MAX_NESTING_DEPTH = 1000;

    /**
     * Objects with room for a whole record: a record has up to 14 fields, and a map of the default
     * 16 slots grows (rehashing every entry) at its 13th, on every parse and every canonical record.
     */
    public static final JsonNodeFactory NODES = new JsonNodeFactory() {
        @Override
        public ObjectNode objectNode() {
            return new ObjectNode(this, new LinkedHashMap<>(32));
        }
    };

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    // Whatever was read must be writable again (to the store, to jsonb).
                    .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                    // A record with "id" twice is ambiguous: refuse it rather than keep whichever copy came last.
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    // One buffer set per server thread: the default pool is a deque shared by every
                    // thread, and 16 connections spent more time taking and returning its buffers
                    // than parsing (the receivers' request threads are platform threads, reused).
                    .recyclerPool(JsonRecyclerPools.threadLocalPool())
                    // A generator writing into a response neither closes nor flushes it: the server
                    // does, once, so the answer goes out with its Content-Length, not chunked.
                    .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                    .disable(StreamWriteFeature.FLUSH_PASSED_TO_STREAM)
                    .build())
            .nodeFactory(NODES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Decimals as written, so that a value beyond what a double holds is seen as such, not as Infinity.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private RecordJson() {
    }

    /**
     * @return the document's tree (null for an empty input)
     * @throws JacksonException when the bytes are not one well-formed JSON value within the limits
     */
    public static JsonNode read(byte[] json) {
        return MAPPER.readTree(json);
    }

    /** Reads JSON this program wrote itself (a stored record); a failure is a bug, not a client's mistake. */
    public static JsonNode readStored(String json) {
        return MAPPER.readTree(json);
    }

    /** Reads JSON this program wrote itself, as UTF-8 bytes. */
    public static JsonNode readStored(byte[] json) {
        return MAPPER.readTree(json);
    }

    /** Reads JSON this program wrote itself, {@code length} UTF-8 bytes from {@code offset}. */
    public static JsonNode readStored(byte[] json, int offset, int length) {
        return MAPPER.readTree(json, offset, length);
    }

    /**
     * A generator writing into {@code out} through its own buffer (one per server thread, from the
     * recycler pool); closing it empties that buffer in one write and leaves {@code out} open and unflushed.
     */
    public static JsonGenerator generator(OutputStream out) {
        return MAPPER.createGenerator(out);
    }

    /** A string, number or null of a canonical record, as the tree would write it. */
    public static void writeScalar(JsonGenerator json, JsonNode value) {
        if (value == null || value.isNull()) {
            json.writeNull();
        } else if (value.isString()) {
            json.writeString(value.stringValue());
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            json.writeNumber(value.longValue());
        } else if (value.isDouble()) {
            json.writeNumber(value.doubleValue());
        } else {
            json.writeTree(value);
        }
    }

    /**
     * The same bytes as {@link #write}, generated node by node with one generator: no mapper, no
     * serializer looked up per node. For the records every delivery stores.
     */
    public static byte[] writeTree(JsonNode node) {
        return writeTree(node, 0);
    }

    /** As {@link #writeTree(JsonNode)}, after {@code leading} zero bytes that the caller fills in. */
    public static byte[] writeTree(JsonNode node, int leading) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(512); JsonGenerator json = MAPPER.createGenerator(bytes)) {
            for (int i = 0; i < leading; i++) {
                bytes.append(0);
            }
            writeNode(json, node);
            json.flush();
            return bytes.toByteArray();
        }
    }

    private static void writeNode(JsonGenerator json, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                json.writeStartObject();
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    json.writeName(property.getKey());
                    writeNode(json, property.getValue());
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (JsonNode element : node.values()) {
                    writeNode(json, element);
                }
                json.writeEndArray();
            }
            case STRING -> json.writeString(node.stringValue());
            case BOOLEAN -> json.writeBoolean(node.booleanValue());
            case NULL -> json.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> json.writeNumber(node.intValue());
                    case LONG -> json.writeNumber(node.longValue());
                    case DOUBLE -> json.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> json.writeNumber(node.decimalValue());
                    case BIG_INTEGER -> json.writeNumber(node.bigIntegerValue());
                    default -> json.writeTree(node);
                }
            }
            default -> json.writeTree(node);
        }
    }

    public static byte[] write(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }

    public static String writeString(JsonNode node) {
        return MAPPER.writeValueAsString(node);
    }
}
