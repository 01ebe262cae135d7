package org.replkit.receivers.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The records' two patterns, read by position, say what the compiled regular expressions say, for
 * strings made of the characters either could be wrong about (hex digits and their neighbours,
 * dashes, every ASCII space, spaces Java's \s does not count, a surrogate pair), 0 to 40 long.
 */
class HandReadPatternsPropertyTest {

    private static final String ALPHABET = "0189afAFgG-_ \t\n\u000b\f\r\u001c\u00a0\u2028\ud83d\ude00x";

    private static final Gen<String> STRINGS = lists().of(integers().between(0, ALPHABET.length() - 1)).ofSizeBetween(0, 40)
            .map(picks -> picks.stream().map(i -> String.valueOf(ALPHABET.charAt(i))).collect(Collectors.joining()));

    /** Mostly UUID-shaped: 36 characters with the dashes in place, the rest from the alphabet. */
    private static final Gen<String> UUID_SHAPED = STRINGS.map(s -> {
        StringBuilder b = new StringBuilder("6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0");
        for (int i = 0; i < s.length() && i < 3; i++) {
            b.setCharAt((s.charAt(i) * 7 + i * 13) % 36, s.charAt(i));
        }
        return b.toString();
    });

    private static void agrees(String ecma, Predicate<String> handRead, String s) {
        boolean regex = Pattern.compile(CompiledRecordRules.ecmaToJava(ecma)).matcher(s).find();
        assertEquals(regex, handRead.test(s), () -> "'" + s + "' against " + ecma);
    }

    @Test
    void theUuidPatternReadByPositionAgreesWithTheRegex() {
        Predicate<String> uuid = CompiledRecordRules.matcherOf(CompiledRecordRules.UUID_PATTERN);
        qt().forAll(UUID_SHAPED).checkAssert(s -> agrees(CompiledRecordRules.UUID_PATTERN, uuid, s));
        qt().forAll(STRINGS).checkAssert(s -> agrees(CompiledRecordRules.UUID_PATTERN, uuid, s));
        assertTrue(uuid.test("6F1E2D3C-4b5a-4968-8776-a5b4c3d2e1f0"));
        assertFalse(uuid.test("6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\n"));
    }

    @Test
    void theNotBlankPatternReadByPositionAgreesWithTheRegex() {
        Predicate<String> notBlank = CompiledRecordRules.matcherOf(CompiledRecordRules.NOT_BLANK_PATTERN);
        qt().forAll(STRINGS).checkAssert(s -> agrees(CompiledRecordRules.NOT_BLANK_PATTERN, notBlank, s));
        assertFalse(notBlank.test(" \t\r\n"));
        assertTrue(notBlank.test("\u00a0"));
    }

    @Test
    void anyOtherPatternIsCompiled() {
        Predicate<String> other = CompiledRecordRules.matcherOf("^a+$");
        assertTrue(other.test("aaa"));
        assertFalse(other.test("aaa\n"));
        assertEquals(List.of(true, false), List.of(other.test("a"), other.test("b")));
    }
}
