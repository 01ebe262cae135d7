package org.replkit.conformance.records;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One way to break one rule of a record, attributed to the requirement it breaks.
 *
 * @param field   the field concerned (removed when {@code changes} is null)
 * @param changes the fields to set, usually just {@code field}; several for a rule across fields
 */
public record Violation(String requirementId, String field, ObjectNode changes, String description) {

    /** A copy of the record with this violation applied. */
    public ObjectNode applyTo(ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        if (changes == null) {
            copy.remove(field);
        } else {
            changes.fields().forEachRemaining(e -> copy.set(e.getKey(), e.getValue().deepCopy()));
        }
        return copy;
    }

    @Override
    public String toString() {
        return description;
    }
}
