package org.replkit.spec;

import java.util.List;

/** The headers the sender sends with every delivery, and the event types it names (spec: Request Headers). */
public final class SyncHeaders {

    /** INSERT or UPDATE. */
    public static final String EVENT_TYPE = "X-Sync-Event-Type";
    /** The sender's table: approved_patterns or execution_metrics. */
    public static final String TABLE = "X-Sync-Table";
    /** The record's id, the same as the body's id. */
    public static final String RECORD_ID = "X-Sync-Record-Id";

    public static final String INSERT = "INSERT";
    public static final String UPDATE = "UPDATE";
    /** The event types the sender sends. */
    public static final List<String> EVENT_TYPES = List.of(INSERT, UPDATE);

    private SyncHeaders() {}
}
