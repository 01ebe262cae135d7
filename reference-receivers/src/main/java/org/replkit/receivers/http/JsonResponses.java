package org.replkit.receivers.http;

import io.javalin.http.Context;
import org.replkit.receivers.record.RecordJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Writes JSON answers; the only place that shapes the error body of the contract. */
public final class JsonResponses {

    private JsonResponses() {
    }

    public static void ok(Context ctx, JsonNode body) {
        write(ctx, 200, body);
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
