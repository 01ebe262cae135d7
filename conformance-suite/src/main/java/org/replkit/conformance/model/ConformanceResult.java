package org.replkit.conformance.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replkit.spec.Level;
import org.replkit.spec.Profile;
import org.replkit.spec.Requirement;

/**
 * Everything one kit verify run found: a verdict per (requirement, endpoint), and the run's setting.
 * The exit code and the badge follow from it.
 */
public record ConformanceResult(Profile profile, Map<String, String> targets, long seed, Instant startedAt,
                                long millis, List<RequirementVerdict> verdicts) {

    public ConformanceResult {
        targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        verdicts = List.copyOf(verdicts);
    }

    /** True when no requirement the profile counts failed on any endpoint that was checked. */
    public boolean passes() {
        return verdicts.stream().noneMatch(v -> v.verdict() == Verdict.FAIL && counts(v.requirement()));
    }

    /** True when at least one requirement the profile counts got a verdict (pass or fail) somewhere. */
    public boolean checkedAnything() {
        return verdicts.stream().anyMatch(v -> v.verdict() != Verdict.SKIPPED && counts(v.requirement()));
    }

    /** 1 when a counted requirement failed; 2 when none could be checked (a green run must have checked something). */
    public int exitCode() {
        if (!passes()) {
            return 1;
        }
        return checkedAnything() ? 0 : 2;
    }

    /** "pass", "fail" or "nothing checked". */
    public String verdictLabel() {
        return !passes() ? "fail" : checkedAnything() ? "pass" : "nothing checked";
    }

    public boolean counts(Requirement r) {
        return profile.counts(r.level());
    }

    /** One verdict per requirement across its endpoints: fail beats pass beats skipped. */
    public Map<Requirement, Verdict> byRequirement() {
        Map<Requirement, Verdict> out = new LinkedHashMap<>();
        for (RequirementVerdict v : verdicts) {
            out.merge(v.requirement(), v.verdict(), ConformanceResult::worse);
        }
        return out;
    }

    public Tally tally(Level level) {
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Map.Entry<Requirement, Verdict> e : byRequirement().entrySet()) {
            if (e.getKey().level() != level) {
                continue;
            }
            switch (e.getValue()) {
                case PASS -> passed++;
                case FAIL -> failed++;
                case SKIPPED -> skipped++;
            }
        }
        return new Tally(passed, failed, skipped);
    }

    /** The verdict on one requirement (across endpoints), or SKIPPED when it was not run. */
    public Verdict verdictOf(String requirementId) {
        return byRequirement().entrySet().stream()
                .filter(e -> e.getKey().id().equals(requirementId))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(Verdict.SKIPPED);
    }

    public List<String> failedIds() {
        return byRequirement().entrySet().stream()
                .filter(e -> e.getValue() == Verdict.FAIL)
                .map(e -> e.getKey().id())
                .toList();
    }

    private static Verdict worse(Verdict a, Verdict b) {
        if (a == Verdict.FAIL || b == Verdict.FAIL) {
            return Verdict.FAIL;
        }
        if (a == Verdict.PASS || b == Verdict.PASS) {
            return Verdict.PASS;
        }
        return Verdict.SKIPPED;
    }

    /** Requirements of one level by verdict (each requirement once, across endpoints). */
    public record Tally(int passed, int failed, int skipped) {
        public int checked() {
            return passed + failed;
        }
    }
}
