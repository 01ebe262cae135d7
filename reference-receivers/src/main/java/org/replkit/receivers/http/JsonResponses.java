package org.replkit.receivers.http;

import io.javalin.http.Context;
import java.io.IOException;
import org.replkit.receivers.record.RecordJson;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writes JSON answers; the only place that shapes the error body of the contract. */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static void ok(Context ctx, JsonNode body) {
        ok(ctx, json -> json.writeTree(body));
    }

    /** What writes an answer's JSON into the generator it is given. */
    @FunctionalInterface
    public interface JsonBody {
        void writeTo(JsonGenerator json);
    }

    /**
     * A 200 answer, generated straight into the response. {@code ctx.result(bytes)} would have
     * Javalin copy the bytes through a new 32 KiB buffer (its response buffer size) on every
     * request, and zeroing that buffer was the largest single cost of a delivery. Only a handler's final
     * answer goes this way: what is written cannot be replaced by an exception handler later, which
     * is why refusals keep {@code ctx.result}. It goes to the servlet's own stream, not to
     * {@code ctx.outputStream()}: that one decides on compression at its first write even when
     * compression is off, and the decision searched the content type on every answer.
     */
    public static void ok(Context ctx, JsonBody body) {
        ctx.status(200).contentType("application/json");
        try (JsonGenerator json = RecordJson.generator(ctx.res().getOutputStream())) {
            body.writeTo(json);
        } catch (IOException | JacksonIOException clientGone) {
            // The client closed the connection first: nobody is left to answer, and what was stored
            // stays stored (a sender's resend of it is an ordinary idempotent upsert).
        }
    }

    /** SYNC-ERR-03: {"status":"error","error":code,"message":message}, the error shape of the spec. */
    public static void error(Context ctx, int status, String code, String message) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "error");
        body.put("error", code);
        body.put("message", message);
        write(ctx, status, body);
    }

    public static void rejection(Context ctx, Rejection r) {
        error(ctx, r.status(), r.code(), r.getMessage());
    }

    private static void write(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(RecordJson.write(body));
    }
}
