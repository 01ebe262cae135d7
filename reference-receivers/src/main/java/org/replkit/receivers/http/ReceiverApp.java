package org.replkit.receivers.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import java.time.Clock;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.store.RecordStore;
import org.replkit.receivers.store.StoreUnavailableException;
import org.replkit.receivers.store.ValueRejectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The Javalin application of the reference receivers: both sync endpoints, GET /health, and the
 * mapping of every failure to the contract's error body. No stack trace ever reaches a client.
 */
public final class ReceiverApp {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverApp.class);

    private ReceiverApp() {
    }

    public static Javalin create(RecordStore store, String token) {
        return create(store, token, null);
    }

    /** As above; with a signing secret ({@code whsec_...}) every delivery must be signed with it (Standard Webhooks). */
    public static Javalin create(RecordStore store, String token, String signingSecret) {
        return create(store, token, signingSecret, AdmissionLimit.defaults());
    }

    /** As above, shedding deliveries beyond this admission limit with 503 and Retry-After (SYNC-SHED-01). */
    public static Javalin create(RecordStore store, String token, String signingSecret, AdmissionLimit admission) {
        RecordValidator validator = new RecordValidator();
        BearerAuth auth = new BearerAuth(token, "SYNC-AUTH-01");
        SignatureCheck signed = new SignatureCheck(signingSecret, Clock.systemUTC());
        return Javalin.create(cfg -> {
            ContractErrors.install(cfg, LOG);
            // Acknowledgements are a few hundred bytes: nothing to gain from compressing them, and the
            // check for it costs every answer.
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            for (RecordKind kind : RecordKind.values()) {
                // A filter that would check nothing is not registered: each costs every delivery a task of its own.
                if (auth.checksAnything()) {
                    cfg.routes.beforeMatched(kind.path(), auth);                   // SYNC-AUTH-01
                }
                if (signed.checksAnything()) {
                    cfg.routes.beforeMatched(kind.path(), signed);                 // SIG-REQ-01, SIG-KEY-01, SIG-TIME-01
                }
                cfg.routes.post(kind.path(), admission.around(new SyncHandler(kind, store, validator))); // SYNC-SHED-01
            }
            cfg.routes.get("/health", ctx -> JsonResponses.ok(ctx,
                    JsonNodeFactory.instance.objectNode().put("status", "ok").put("store", store.describe())));
            // A value no column holds is the client's mistake (SYNC-ERR-07: 400); storage down is ours (503, retried).
            cfg.routes.exception(ValueRejectedException.class, (e, ctx) -> JsonResponses.error(ctx, 400,
                    "value_not_storable", "a value of the record cannot be stored: " + e.getMessage()));
            cfg.routes.exception(StoreUnavailableException.class, (e, ctx) -> {
                LOG.warn("storage unavailable: {}", e.getMessage());
                AdmissionLimit.retryAfter(ctx); // SYNC-SHED-01: every 503 says when to come back
                JsonResponses.error(ctx, 503, "storage_unavailable", "the receiver's storage is unavailable; retry later");
            });
        });
    }
}
