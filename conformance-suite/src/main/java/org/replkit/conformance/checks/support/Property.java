package org.replkit.conformance.checks.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.quicktheories.QuickTheory;
import org.opentest4j.TestAbortedException;
import org.quicktheories.core.Gen;
import org.replkit.conformance.http.ExchangeLog;
import org.replkit.conformance.model.Exchange;

/**
 * A rule about all inputs, checked with QuickTheories: many generated examples, and on failure the
 * example shrunk to a minimal one. The minimal example is then replayed once (examples carry no ids;
 * the body draws fresh ones), so the evidence is exactly the requests of the minimal example.
 */
public final class Property {

    private static final int SHRINK_CYCLES = 40;

    private Property() {}

    public static <T> void check(Target target, Gen<T> gen, Consumer<T> body) {
        check(target, target.settings().examples(), gen, body);
    }

    public static <T> void check(Target target, int examples, Gen<T> gen, Consumer<T> body) {
        Map<String, T> failing = new LinkedHashMap<>();
        long seed = target.settings().seed() ^ target.kind().ordinal();
        TestAbortedException[] aborted = new TestAbortedException[1];
        RuntimeException[] broken = new RuntimeException[1];
        try {
            QuickTheory.qt()
                    .withFixedSeed(seed)
                    .withExamples(examples)
                    .withShrinkCycles(SHRINK_CYCLES)
                    .forAll(gen)
                    .checkAssert(value -> {
                        if (aborted[0] != null || broken[0] != null) {
                            return;
                        }
                        try {
                            body.accept(value);
                        } catch (TestAbortedException e) {
                            // The receiver cannot be observed (no count, no acceptance): stop, and say why.
                            aborted[0] = e;
                        } catch (AssertionError e) {
                            failing.put(gen.asString(value), value);
                            throw e;
                        } catch (RuntimeException e) {
                            // A fault of the check itself, not a counterexample: QuickTheories would report any
                            // throwable as "falsified", so it is kept aside and rethrown as it is.
                            broken[0] = e;
                        }
                    });
        } catch (AssertionError falsified) {
            throw replayed(target.http().log(), falsified, failing, body);
        }
        if (broken[0] != null) {
            throw broken[0];
        }
        if (aborted[0] != null) {
            throw aborted[0];
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
            return new CheckFailure(report, log.last(3));
        }
        long mark = log.mark();
        try {
            body.accept(smallest.getValue());
        } catch (TestAbortedException e) {
            return new CheckFailure(report, log.last(3));
        } catch (AssertionError again) {
            List<Exchange> evidence = log.since(mark);
            return new CheckFailure("Smallest failing example: " + smallest.getKey() + "\n" + again.getMessage(),
                    evidence.isEmpty() && again instanceof CheckFailure cf ? cf.evidence() : evidence);
        }
        return new CheckFailure("Smallest failing example: " + smallest.getKey()
                + "\nIt passed when replayed: the receiver answers the same input differently at different times.\n"
                + report, log.last(3));
    }
}
