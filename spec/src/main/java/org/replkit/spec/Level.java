package org.replkit.spec;

/** Requirement levels in the RFC 2119 sense. */
public enum Level {
    MUST,
    SHOULD
}
