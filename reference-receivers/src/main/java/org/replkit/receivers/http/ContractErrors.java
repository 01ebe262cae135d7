package org.replkit.receivers.http;

import io.javalin.config.JavalinConfig;
import org.slf4j.Logger;
import org.replkit.spec.Enforces;

/**
 * What every app of the reference code (the receivers, the status endpoint) answers when a request
 * is refused or something fails inside: the contract's error body, never a stack trace. Installed
 * once per app, as Javalin's own plugins do, so no handler repeats it.
 */
public final class ContractErrors {

    private ContractErrors() {
    }

    @Enforces({"SYNC-ERR-03", "SYNC-ERR-06", "SYNC-ERR-07"})
    public static void install(JavalinConfig cfg, Logger log) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.prefer405over404 = true;
        // SYNC-ERR-03, SYNC-ERR-07: a refusal is its status (400, 401, 413, 415) with the error body.
        cfg.routes.exception(Rejection.class, (e, ctx) -> JsonResponses.rejection(ctx, e));
        // SYNC-ERR-06: whatever went wrong inside, the client sees the error body, never a stack trace.
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            log.error("unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            JsonResponses.error(ctx, 500, "internal_error", "internal error; the server's log has the details");
        });
        cfg.routes.error(404, ctx -> JsonResponses.error(ctx, 404, "not_found", "no endpoint " + ctx.method() + " " + ctx.path()));
        cfg.routes.error(405, ctx -> JsonResponses.error(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path()));
    }
}
