package org.replkit.conformance.checks.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.replkit.conformance.http.ExchangeLog;
import org.replkit.conformance.model.CannotTell;
import org.replkit.conformance.model.Exchange;

/**
 * A rule about all inputs, checked with QuickTheories: many generated examples, and on failure the
 * example shrunk to a minimal one. The minimal example is then replayed once (examples carry no ids;
 * the body draws fresh ones), so the evidence is exactly the requests of the minimal example, and
 * the report prints that example as it was sent.
 *
 * An example that cannot be observed (the kit cannot tell) stops the property and the check cannot
 * tell either; so does a fault of the check itself, which is never taken for a counterexample.
 */
public final class InputProperty {

    private static final int SHRINK_CYCLES = 40;

    private InputProperty() {}

    public static <T> void check(Target target, Gen<T> gen, Consumer<T> body) {
        check(target, target.settings().examples(), gen, body);
    }

    public static <T> void check(Target target, int examples, Gen<T> gen, Consumer<T> body) {
        Map<String, T> failing = new LinkedHashMap<>();
        long seed = target.settings().seed() ^ target.kind().ordinal();
        CannotTell[] unobservable = new CannotTell[1];
        RuntimeException[] broken = new RuntimeException[1];
        try {
            QuickTheory.qt()
                    .withFixedSeed(seed)
                    .withExamples(examples)
                    .withShrinkCycles(SHRINK_CYCLES)
                    .forAll(gen)
                    .checkAssert(value -> {
                        if (unobservable[0] != null || broken[0] != null) {
                            return;
                        }
                        try {
                            body.accept(value);
                        } catch (CannotTell e) {
                            unobservable[0] = e;
                        } catch (AssertionError e) {
                            failing.put(gen.asString(value), value);
                            throw e;
                        } catch (RuntimeException e) {
                            // QuickTheories would report any throwable as "falsified": keep it aside.
                            broken[0] = e;
                        }
                    });
        } catch (AssertionError falsified) {
            throw replayed(target.http().log(), falsified, failing, body);
        }
        if (broken[0] != null) {
            throw broken[0];
        }
        if (unobservable[0] != null) {
            throw unobservable[0];
        }
    }

    private static <T> CheckFailure replayed(ExchangeLog log, AssertionError falsified, Map<String, T> failing,
                                             Consumer<T> body) {
        String report = String.valueOf(falsified.getMessage());
        Map.Entry<String, T> smallest = null;
        for (Map.Entry<String, T> e : failing.entrySet()) {
            if (report.contains(e.getKey())) {
                smallest = e;
            }
        }
        if (smallest == null) {
            return falsified instanceof CheckFailure cf ? cf : new CheckFailure(report, log.last(3));
        }
        long mark = log.mark();
        try {
            body.accept(smallest.getValue());
        } catch (CannotTell e) {
            return new CheckFailure(firstLine(report), log.last(3)).withExample(smallest.getKey());
        } catch (AssertionError again) {
            List<Exchange> evidence = log.since(mark);
            CheckFailure f = again instanceof CheckFailure cf
                    ? new CheckFailure(cf.getMessage(), cf.expected(), cf.actual(), evidence.isEmpty() ? cf.evidence() : evidence)
                    : new CheckFailure(String.valueOf(again.getMessage()), evidence);
            return f.withExample(smallest.getKey());
        }
        return new CheckFailure("the smallest failing example passed when replayed: the receiver answers the same input"
                + " differently at different times. First failure: " + firstLine(report), log.last(3))
                .withExample(smallest.getKey());
    }

    private static String firstLine(String s) {
        return s.lines().filter(l -> !l.isBlank()).findFirst().orElse(s);
    }
}
