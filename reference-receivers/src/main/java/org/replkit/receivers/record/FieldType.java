package org.replkit.receivers.record;

/** The kinds of value a record field holds; each store maps them to its own representation. */
public enum FieldType {
    UUID,
    TEXT,
    INTEGER,
    NUMBER,
    TIMESTAMP,
    JSON_OBJECT,
    JSON_ARRAY
}
