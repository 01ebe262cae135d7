package org.replkit.receivers.http;

import io.javalin.Javalin;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.store.RecordStore;
import org.replkit.receivers.store.StoreUnavailableException;
import org.replkit.receivers.store.ValueRejectedException;
import org.replkit.spec.SchemaValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Javalin application of the reference receivers: both sync endpoints, GET /health, and the
 * mapping of every failure to the contract's error body. No stack trace ever reaches a client.
 */
public final class ReceiverApp {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverApp.class);

    private ReceiverApp() {
    }

    public static Javalin create(RecordStore store, String token) {
        RecordValidator validator = new RecordValidator(new SchemaValidator());
        BearerAuth auth = new BearerAuth(token);
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.prefer405over404 = true;
            for (RecordKind kind : RecordKind.values()) {
                cfg.routes.post(kind.path(), new SyncHandler(kind, store, validator, auth));
            }
            cfg.routes.get("/health", ctx -> ctx.contentType("application/json")
                    .result("{\"status\":\"ok\",\"store\":\"" + store.describe() + "\"}"));

            // SYNC-ERR-07: a refusal is 400 (413, 415 where they apply) with the error body, never a 5xx.
            cfg.routes.exception(Rejection.class, (e, ctx) -> JsonResponses.rejection(ctx, e));
            cfg.routes.exception(ValueRejectedException.class, (e, ctx) -> JsonResponses.error(ctx, 400,
                    "value_not_storable", "a value of the record cannot be stored: " + e.getMessage()));
            cfg.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
                LOG.warn("storage unavailable: {}", e.getMessage());
                JsonResponses.error(ctx, 503, "storage_unavailable", "the receiver's storage is unavailable; retry later");
            });
            // SYNC-ERR-06: whatever went wrong inside, the client sees the error body, never a stack trace.
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
                JsonResponses.error(ctx, 500, "internal_error", "internal error; the receiver's log has the details");
            });
            cfg.routes.error(404, ctx -> JsonResponses.error(ctx, 404, "not_found", "no endpoint " + ctx.method() + " " + ctx.path()));
            cfg.routes.error(405, ctx -> JsonResponses.error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
        });
    }
}
