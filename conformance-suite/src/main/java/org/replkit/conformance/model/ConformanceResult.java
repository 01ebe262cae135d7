package org.replkit.conformance.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.replkit.spec.Level;
import org.replkit.spec.Outcome;
import org.replkit.spec.Profile;
import org.replkit.spec.Requirement;

/**
 * Everything one kit verify run found: an outcome per (requirement, endpoint), the run's settings,
 * and the baseline it was judged against. The verdict, the exit code and the badge follow from it.
 *
 * @param baseline the expected failures, or null for none
 */
public record ConformanceResult(Profile profile, Map<String, String> targets, long seed, Instant startedAt,
                                long millis, List<RequirementVerdict> verdicts, Baseline baseline) {

    public ConformanceResult {
        targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        verdicts = List.copyOf(verdicts);
    }

    /** The same outcomes judged by another profile (a strict run also says whether core passes). */
    public ConformanceResult as(Profile other) {
        return new ConformanceResult(other, targets, seed, startedAt, millis, verdicts, baseline);
    }

    public ConformanceResult withBaseline(Baseline b) {
        return new ConformanceResult(profile, targets, seed, startedAt, millis, verdicts, b);
    }

    public boolean counts(Requirement r) {
        return profile.counts(r.level());
    }

    /** A failure the profile counts and the baseline does not list: it fails the run. */
    public boolean isNewFailure(RequirementVerdict v) {
        return v.outcome() == Outcome.FAILED && counts(v.requirement()) && !baselined(v);
    }

    /** A failure the baseline lists: expected, reported, not failing the run. */
    public boolean baselined(RequirementVerdict v) {
        return v.outcome() == Outcome.FAILED && baseline != null && baseline.find(v.id(), v.endpoint()).isPresent();
    }

    public List<RequirementVerdict> newFailures() {
        return verdicts.stream().filter(this::isNewFailure).toList();
    }

    public List<RequirementVerdict> baselinedFailures() {
        return verdicts.stream().filter(v -> baselined(v) && counts(v.requirement())).toList();
    }

    /** Pairs the baseline lists that passed this time: to be removed from the baseline. */
    public List<RequirementVerdict> fixed() {
        if (baseline == null) {
            return List.of();
        }
        return verdicts.stream().filter(v -> v.outcome() == Outcome.PASSED && baseline.find(v.id(), v.endpoint()).isPresent())
                .toList();
    }

    /** True when at least one requirement the profile counts was judged (passed or failed) somewhere. */
    public boolean judgedAnything() {
        return verdicts.stream().anyMatch(v -> v.outcome().judged() && counts(v.requirement()));
    }

    /**
     * The kit's exit-code contract: 0 passed, 1 failed (a new counted failure, or with --strict-baseline
     * a listed failure that is fixed), 2 could not run (nothing the profile counts was judged).
     */
    public int exitCode() {
        if (!newFailures().isEmpty()) {
            return 1;
        }
        if (baseline != null && baseline.strict() && !fixed().isEmpty()) {
            return 1;
        }
        return judgedAnything() ? 0 : 2;
    }

    /** The run's verdict in EARL's words: failed when a counted requirement failed, cantTell when nothing counted could be judged. */
    public Outcome verdict() {
        return exitCode() == 1 ? Outcome.FAILED : judgedAnything() ? Outcome.PASSED : Outcome.CANT_TELL;
    }

    /** The verdict for people: "passed", "failed" or "nothing checked". */
    public String verdictLabel() {
        return verdict() == Outcome.CANT_TELL ? "nothing checked" : verdict().label();
    }

    /** One outcome per requirement across its endpoints: failed beats cantTell beats passed beats inapplicable. */
    public Map<Requirement, Outcome> byRequirement() {
        Map<Requirement, Outcome> out = new LinkedHashMap<>();
        for (RequirementVerdict v : verdicts) {
            out.merge(v.requirement(), v.outcome(), Outcome::worse);
        }
        return out;
    }

    /** Requirements of one level by outcome (each requirement once, across its endpoints). */
    public Tally tally(Level level) {
        Map<Outcome, Long> n = byRequirement().entrySet().stream().filter(e -> e.getKey().level() == level)
                .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.counting()));
        ToIntFunction<Outcome> count = o -> n.getOrDefault(o, 0L).intValue();
        return new Tally(count.applyAsInt(Outcome.PASSED), count.applyAsInt(Outcome.FAILED), count.applyAsInt(Outcome.CANT_TELL),
                count.applyAsInt(Outcome.INAPPLICABLE));
    }

    /**
     * The (requirement, endpoint) cases as a CI test view shows them: each a test; a counted new
     * failure a failure; everything not passed and not failing the run a skip.
     */
    public Cases cases() {
        int failures = (int) verdicts.stream().filter(this::isNewFailure).count();
        int passed = (int) verdicts.stream().filter(v -> v.outcome() == Outcome.PASSED).count();
        return new Cases(verdicts.size(), failures, verdicts.size() - failures - passed);
    }

    /** Requirements of one level by outcome. */
    public record Tally(int passed, int failed, int cantTell, int inapplicable) {
        public int notJudged() {
            return cantTell + inapplicable;
        }

        public int total() {
            return passed + failed + cantTell + inapplicable;
        }
    }

    /** Test cases as JUnit counts them. */
    public record Cases(int tests, int failures, int skipped) {}
}
