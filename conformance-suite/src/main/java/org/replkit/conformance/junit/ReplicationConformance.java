package org.replkit.conformance.junit;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.replkit.conformance.model.Baseline;
import org.replkit.conformance.model.CheckOutcome;
import org.replkit.conformance.model.ConformanceResult;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Exchange;
import org.replkit.conformance.model.RequirementVerdict;
import org.replkit.conformance.model.RunSettings;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.report.Curl;
import org.replkit.conformance.report.ReportWriter;
import org.replkit.conformance.run.ConformanceRunner;
import org.replkit.conformance.run.Preflight;
import org.replkit.spec.Profile;

/**
 * The conformance suite inside a team's own build: one JUnit 5 dynamic test per (requirement,
 * endpoint), named by id, with the same checks, outcomes, profile, baseline and reports as
 * {@code ./kit verify}. Typical use, against a receiver the test class starts itself:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> replicationContract() {
 *     return ReplicationConformance.receiver()
 *             .patternsUrl("http://127.0.0.1:" + port + "/sync/patterns")
 *             .tests();
 * }
 * }</pre>
 *
 * A failure the profile counts fails its test with the reason and the evidence (each request, its
 * answer and a curl line); cantTell, inapplicable, a SHOULD core does not count and a baselined
 * failure abort their test with the reason, which JUnit reports as skipped. The reports go to
 * {@code target/replication-conformance/} unless {@link #reportDir(Path)} says otherwise.
 */
public final class ReplicationConformance {

    private String patternsUrl;
    private String metricsUrl;
    private String statusUrl;
    private String token;
    private String signingSecret;
    private String adminToken;
    private Profile profile = Profile.CORE;
    private Path baseline;
    private boolean strictBaseline;
    private Path reportDir = Paths.get("target", "replication-conformance");
    private Long seed;
    private Integer examples;
    private Set<String> only = Set.of();

    private ReplicationConformance() {}

    /** Starts a description of the receiver under test. */
    public static ReplicationConformance receiver() {
        return new ReplicationConformance();
    }

    public ReplicationConformance patternsUrl(String url) {
        this.patternsUrl = url;
        return this;
    }

    public ReplicationConformance metricsUrl(String url) {
        this.metricsUrl = url;
        return this;
    }

    public ReplicationConformance statusUrl(String url) {
        this.statusUrl = url;
        return this;
    }

    /** The receivers' bearer token: every delivery carries it, and SYNC-AUTH-01 is checked. */
    public ReplicationConformance token(String t) {
        this.token = t;
        return this;
    }

    /** The receivers' Standard Webhooks secret ({@code whsec_...}): every delivery is signed, and SIG-* is checked. */
    public ReplicationConformance signingSecret(String secret) {
        this.signingSecret = secret;
        return this;
    }

    public ReplicationConformance adminToken(String t) {
        this.adminToken = t;
        return this;
    }

    /** {@link Profile#CORE} (default) counts every MUST; {@link Profile#STRICT} every SHOULD too. */
    public ReplicationConformance profile(Profile p) {
        this.profile = p;
        return this;
    }

    /** Known failures (a file from {@code ./kit verify --write-baseline}): listed ones do not fail the build. */
    public ReplicationConformance baseline(Path file) {
        this.baseline = file;
        return this;
    }

    public ReplicationConformance strictBaseline(boolean strict) {
        this.strictBaseline = strict;
        return this;
    }

    public ReplicationConformance reportDir(Path dir) {
        this.reportDir = dir;
        return this;
    }

    public ReplicationConformance seed(long s) {
        this.seed = s;
        return this;
    }

    /** Generated examples per property (default 20, as {@code ./kit verify}). */
    public ReplicationConformance examples(int n) {
        this.examples = n;
        return this;
    }

    public ReplicationConformance only(String... requirementIds) {
        this.only = Set.of(requirementIds);
        return this;
    }

    /**
     * Runs the suite once and returns its verdicts as dynamic tests, in catalogue order: one per
     * requirement of each endpoint given (an endpoint not given is not part of this build's subject;
     * the report still lists it).
     */
    public Stream<DynamicTest> tests() {
        Targets given = targets();
        return tests(run(), v -> EndpointKind.byKey(v.endpoint()).flatMap(given::url).isPresent());
    }

    /** A dynamic test per chosen verdict, named by its id and title. */
    static Stream<DynamicTest> tests(ConformanceResult result, Predicate<RequirementVerdict> chosen) {
        return result.verdicts().stream().filter(chosen)
                .map(v -> DynamicTest.dynamicTest(v.name() + " " + v.requirement().title(), () -> judge(result, v)));
    }

    private Targets targets() {
        return Targets.receivers(patternsUrl, metricsUrl).withStatus(statusUrl, adminToken).withToken(token)
                .withSigningSecret(signingSecret);
    }

    /** Runs the suite once and returns the whole result, reports written. */
    public ConformanceResult run() {
        Targets targets = targets();
        if (targets.patternsUrl() == null && targets.metricsUrl() == null && targets.statusUrl() == null) {
            throw new IllegalArgumentException("give at least one of patternsUrl, metricsUrl, statusUrl");
        }
        Preflight.requireReachable(targets.urls());
        RunSettings settings = RunSettings.defaults(profile);
        if (seed != null) {
            settings = settings.withSeed(seed);
        }
        if (examples != null) {
            settings = settings.withExamples(examples);
        }
        if (!only.isEmpty()) {
            settings = settings.only(only);
        }
        ConformanceResult result = ConformanceRunner.run(targets, settings, o -> { });
        if (baseline != null) {
            result = result.withBaseline(Baseline.read(baseline).strict(strictBaseline));
        }
        ReportWriter.write(reportDir, result, null);
        return result;
    }

    /** Passes, fails (counted new failure, with its evidence) or aborts (skipped) one verdict's test. */
    static void judge(ConformanceResult result, RequirementVerdict v) {
        if (result.isNewFailure(v)) {
            CheckOutcome c = v.deciding();
            throw new AssertionFailedError(failure(v), c == null ? null : c.expected(), c == null ? null : c.actual());
        }
        String skip = org.replkit.conformance.report.JunitReport.skipMessage(result, v);
        if (skip != null) {
            throw new TestAbortedException(skip);
        }
    }

    private static String failure(RequirementVerdict v) {
        StringBuilder b = new StringBuilder(v.reason());
        CheckOutcome c = v.deciding();
        if (c != null && c.example() != null) {
            b.append("\nsmallest failing example: ").append(c.example());
        }
        for (Exchange e : v.evidence()) {
            b.append("\n  ").append(e.summary());
            if (Curl.inline(e)) {
                b.append("\n  Reproduce with: ").append(Curl.line(e, null));
            }
        }
        return b.toString();
    }
}
