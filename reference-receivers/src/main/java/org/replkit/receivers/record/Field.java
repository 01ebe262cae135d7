package org.replkit.receivers.record;

/** One column of a replicated table. */
public record Field(String name, FieldType type) {

    static Field of(String name, FieldType type) {
        return new Field(name, type);
    }
}
