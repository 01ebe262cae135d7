package org.replkit.conformance.run;

import org.replkit.spec.Profile;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --profile core|strict}, shared by the commands that give verdicts (a picocli mixin). */
public final class ProfileOption {

    @Option(names = "--profile", paramLabel = "core|strict", defaultValue = "core", converter = ProfileConverter.class,
            description = "core: every MUST counts (default); strict: every MUST and SHOULD.")
    Profile profile;

    public Profile profile() {
        return profile;
    }

    /** core or strict, in any case. */
    static final class ProfileConverter implements ITypeConverter<Profile> {
        @Override
        public Profile convert(String value) {
            try {
                return Profile.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected core or strict, got '" + value + "'");
            }
        }
    }
}
