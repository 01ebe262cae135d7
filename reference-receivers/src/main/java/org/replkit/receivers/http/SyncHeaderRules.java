package org.replkit.receivers.http;

import io.javalin.http.Context;
import java.util.UUID;
import org.replkit.receivers.record.RecordKind;
import org.replkit.spec.Enforces;

/**
 * The X-Sync-* headers. Each is optional (a receiver called by hand sends none, SYNC-HDR-04), but
 * when present it must agree with the endpoint and the body (SYNC-HDR-01..03).
 */
final class SyncHeaderRules {

    static final String EVENT_TYPE = org.replkit.spec.SyncHeaders.EVENT_TYPE;
    static final String TABLE = org.replkit.spec.SyncHeaders.TABLE;
    static final String RECORD_ID = org.replkit.spec.SyncHeaders.RECORD_ID;

    private SyncHeaderRules() {
    }

    /** The checks that need only the endpoint, run before the body is validated. */
    static void check(RecordKind kind, Context ctx) {
        String table = ctx.header(TABLE);
        if (table != null && !table.trim().equals(kind.table())) {
            throw Rejection.badRequest("wrong_table", "SYNC-HDR-02",
                    TABLE + " is '" + table + "' but " + kind.path() + " receives " + kind.table());
        }
        String eventType = ctx.header(EVENT_TYPE);
        if (eventType != null && !eventType.trim().equals("INSERT") && !eventType.trim().equals("UPDATE")) {
            throw Rejection.badRequest("invalid_event_type", "SYNC-HDR-03",
                    EVENT_TYPE + " must be INSERT or UPDATE, not '" + eventType + "'");
        }
    }

    /** The header must name the same record as the body, whose id is already known to be a UUID. */
    @Enforces("SYNC-HDR-04")
    static void checkRecordId(Context ctx, UUID bodyId) {
        String header = ctx.header(RECORD_ID);
        if (header == null) {
            return;                                            // SYNC-HDR-04: a delivery by hand carries no headers
        }
        if (!sameUuid(header.trim(), bodyId)) {
            throw Rejection.badRequest("record_id_mismatch", "SYNC-HDR-01",
                    RECORD_ID + " '" + header + "' does not match the body's id " + bodyId);
        }
    }

    private static boolean sameUuid(String text, UUID id) {
        try {
            return UUID.fromString(text).equals(id) && text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
