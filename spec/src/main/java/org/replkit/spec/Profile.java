package org.replkit.spec;

import java.util.Locale;

/** Which requirements a verdict counts: core = every MUST, strict = every MUST and SHOULD. */
public enum Profile {
    CORE,
    STRICT;

    public boolean counts(Level level) {
        return this == STRICT || level == Level.MUST;
    }

    public static Profile parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
