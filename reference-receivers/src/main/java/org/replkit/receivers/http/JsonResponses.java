package org.replkit.receivers.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

/** Writes JSON answers; the only place that shapes the error body of the contract. */
public final class JsonResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonResponses() {
    }

    public static void ok(Context ctx, JsonNode body) {
        write(ctx, 200, body);
    }

    /** {"status":"error","error":code,"message":message}, the error shape of the spec. */
    public static void error(Context ctx, int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", "error");
        body.put("error", code);
        body.put("message", message);
        write(ctx, status, body);
    }

    public static void rejection(Context ctx, Rejection r) {
        error(ctx, r.status(), r.code(), r.getMessage());
    }

    private static void write(Context ctx, int status, JsonNode body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON answer", e);
        }
    }
}
