package org.replkit.conformance.fuzz;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.replkit.conformance.http.Answer;
import org.replkit.conformance.http.ExchangeLog;
import org.replkit.conformance.http.Gate;
import org.replkit.conformance.http.Http;
import org.replkit.conformance.http.Redactor;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.records.ValueClass;

/**
 * A fuzz campaign against one or two receiver endpoints: sends the {@link CaseGenerator}'s hostile
 * requests from a few threads at once, judges every answer ({@link Oracle}, {@link Judge}), groups
 * the findings, then minimises each group's first request ({@link Minimiser}). Sends until the
 * requests are done, the duration is up, or the receiver stops answering altogether.
 */
public final class Campaign {

    /** How long to wait for one answer: past the sender's 5 s, so that a late answer is measured, not cut. */
    static final Duration ANSWER_WAIT = Duration.ofSeconds(10);

    /** Connections refused in a row after which the receiver is taken to be gone. */
    static final int GONE_AFTER = 25;

    /**
     * @param requests          how many requests to send
     * @param duration          bound on the sending
     * @param concurrency       requests in flight at once
     * @param minimiseGroups    how many distinct findings are minimised (the rest are reported as found)
     * @param minimiseRequests  requests per finding while minimising
     * @param minimiseTime      bound on all minimising
     */
    public record Settings(int requests, long seed, Duration duration, int concurrency, int minimiseGroups,
                           int minimiseRequests, Duration minimiseTime) {

        public static Settings of(int requests, long seed, Duration duration) {
            return new Settings(requests, seed, duration, 4, 20, 40, Duration.ofSeconds(90));
        }
    }

    /** Findings that are the same trouble with the same (minimised) request, with how often they occurred. */
    public record FindingGroup(Finding finding, long occurrences, long firstRequest, boolean minimised, boolean repeated) {}

    /**
     * What a campaign did and found.
     *
     * @param stopped why sending ended: all requests sent, the duration, or the receiver gone
     */
    public record Result(Settings settings, Map<EndpointKind, URI> targets, long sent, double seconds, String stopped,
                         Map<String, Long> answers, Map<String, Long> expectations, Map<String, Long> generators,
                         Map<FindingKind, Long> findingsByKind, List<FindingGroup> groups, double minimiseSeconds) {

        public long findings() {
            return findingsByKind.values().stream().mapToLong(Long::longValue).sum();
        }

        public double requestsPerSecond() {
            return seconds <= 0 ? 0 : sent / seconds;
        }

        /** 0 nothing found, 1 findings. */
        public int exitCode() {
            return findings() == 0 ? 0 : 1;
        }
    }

    private final Map<EndpointKind, URI> targets;
    private final String token;
    private final Settings settings;
    private final PrintStream out;
    private final Http http;
    private final CaseGenerator generator;

    private final AtomicLong next = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicInteger refusedInARow = new AtomicInteger();
    private volatile String stopped;
    private final Map<String, LongAdder> answers = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> expectations = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> generators = new ConcurrentHashMap<>();
    private final Map<FindingKind, LongAdder> byKind = new ConcurrentHashMap<>();
    private final Map<String, Raw> raw = new ConcurrentHashMap<>();
    private final Map<String, Boolean> announced = new ConcurrentHashMap<>();
    private final AtomicLong minimiseAttempts = new AtomicLong();

    /** The first finding of one raw signature, and how many requests had it. */
    private static final class Raw {
        Finding first;
        long count;
    }

    private Campaign(Map<EndpointKind, URI> targets, String token, Settings settings, PrintStream out) {
        this.targets = new EnumMap<>(targets);
        this.token = token;
        this.settings = settings;
        this.out = out;
        this.http = new Http(Http.newClient(), new ExchangeLog(), ANSWER_WAIT, Gate.OPEN, new Redactor(token, null));
        this.generator = new CaseGenerator(new ArrayList<>(this.targets.keySet()), settings.seed());
    }

    /**
     * @param targets the endpoints to send to (one or both receivers)
     * @param token   the receivers' bearer token, sent with every request, or null
     * @param out     where progress goes
     */
    public static Result run(Map<EndpointKind, URI> targets, String token, Settings settings, PrintStream out) {
        return new Campaign(targets, token, settings, out).run();
    }

    private Result run() {
        long start = System.nanoTime();
        long deadline = start + settings.duration().toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "kit-fuzz");
            t.setDaemon(true);
            return t;
        });
        for (int w = 0; w < settings.concurrency(); w++) {
            pool.submit(() -> {
                while (stopped == null) {
                    long i = next.getAndIncrement();
                    if (i >= settings.requests()) {
                        break;
                    }
                    if (System.nanoTime() > deadline) {
                        stop("the duration (" + settings.duration().toSeconds() + " s) was up");
                        break;
                    }
                    one(i, start);
                }
            });
        }
        pool.shutdown();
        try {
            // Every worker ends by the deadline plus one answer's wait.
            if (!pool.awaitTermination(settings.duration().toMillis() + ANSWER_WAIT.toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (stopped == null) {
            stopped = "all requests sent";
        }
        long minimiseStart = System.nanoTime();
        List<FindingGroup> groups = minimiseAll();
        double minimiseSeconds = (System.nanoTime() - minimiseStart) / 1e9;
        Map<FindingKind, Long> kinds = new EnumMap<>(FindingKind.class);
        byKind.forEach((k, v) -> kinds.put(k, v.sum()));
        return new Result(settings, targets, sent.get(), seconds, stopped, sorted(answers), sorted(expectations),
                sorted(generators), kinds, groups, minimiseSeconds);
    }

    private void stop(String why) {
        if (stopped == null) {
            stopped = why;
        }
    }

    private void one(long index, long start) {
        FuzzCase c = generator.make(index);
        Request r = c.render();
        ValueClass expected = Oracle.classify(r);
        Answer a = send(r);
        if (a == null) {
            count(answers, "not sent (the kit's HTTP client refuses a header)");
            return;
        }
        long n = sent.incrementAndGet();
        count(answers, a.answered() ? String.valueOf(a.status()) : "no answer");
        count(expectations, expected.kind().name().toLowerCase(Locale.ROOT));
        count(generators, c.generator());
        if (!a.answered() && "connection refused".equals(a.exchange().error())) {
            if (refusedInARow.incrementAndGet() >= GONE_AFTER) {
                stop("the receiver stopped answering (" + GONE_AFTER + " connections refused in a row)");
            }
        } else {
            refusedInARow.set(0);
        }
        Judge.judge(c, r, expected, a).ifPresent(f -> record(index, f));
        progress(n, start);
    }

    /** Posts the request with the bearer token; null when the JDK's client will not send one of its headers. */
    private Answer send(Request r) {
        Map<String, String> h = new LinkedHashMap<>();
        if (token != null) {
            h.put("Authorization", "Bearer " + token);
        }
        h.putAll(r.headers());
        try {
            return http.post(targets.get(r.kind()), r.body(), r.contentType(), h);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void record(long index, Finding f) {
        byKind.computeIfAbsent(f.kind(), k -> new LongAdder()).increment();
        Raw group = raw.computeIfAbsent(rawSignature(f), s -> new Raw());
        synchronized (group) {
            group.count++;
            if (group.first == null || index < group.first.fuzzCase().index()) {
                group.first = f;
            }
        }
        String announce = f.kind() + " " + f.requirementId() + " " + f.fuzzCase().kind();
        if (announced.putIfAbsent(announce, true) == null && announced.size() <= 20) {
            synchronized (out) {
                out.printf("  ! request #%d %s: %s %s (%s): %s%n", index, f.fuzzCase().kind().key(), f.kind().label(),
                        f.requirementId(), f.level(), clip(f.fuzzCase().describe(), 120));
                out.flush();
            }
        }
    }

    private void progress(long n, long start) {
        long tenth = Math.max(1, settings.requests() / 10);
        if (n % tenth != 0 && n != settings.requests()) {
            return;
        }
        double s = (System.nanoTime() - start) / 1e9;
        synchronized (out) {
            out.printf("  %3d%%  %,d/%,d requests  %.0f req/s  %,d findings%n", Math.round(100.0 * n / settings.requests()),
                    n, settings.requests(), s > 0 ? n / s : 0.0, byKind.values().stream().mapToLong(LongAdder::sum).sum());
            out.flush();
        }
    }

    /**
     * Same trouble, same endpoint and rule, same family, and the same reason the contract gives for
     * the request (numbers left out, so 2^63 and 1e308 in one field are one group): findings that
     * are very likely one cause. A record that must be accepted is told apart by what was replaced.
     */
    static String rawSignature(Finding f) {
        FuzzCase c = f.fuzzCase();
        Mutation m = c.mutation();
        String mutation = m instanceof Mutation.Flips || m instanceof Mutation.Truncate ? m.getClass().getSimpleName()
                : m instanceof Mutation.Header h ? h.name() + ":" + clip(String.valueOf(h.value()), 40) : m.describe();
        String why = f.expected().isSendable()
                ? c.replacements().stream().map(b -> b.field() + "=" + b.label()).sorted().toList().toString()
                : f.expected().reason().replaceAll("[0-9]+", "#");
        return String.join("|", f.kind().name(), c.kind().key(), f.requirementId(), c.generator(), mutation, why);
    }

    private List<FindingGroup> minimiseAll() {
        List<Raw> found = raw.values().stream().sorted(Comparator.comparingLong(g -> g.first.fuzzCase().index())).toList();
        if (found.isEmpty()) {
            return List.of();
        }
        int toMinimise = Math.min(found.size(), settings.minimiseGroups());
        out.printf("Minimising %d of %d distinct finding%s...%n", toMinimise, found.size(), found.size() == 1 ? "" : "s");
        long deadline = System.nanoTime() + settings.minimiseTime().toNanos();
        Map<String, FindingGroup> groups = new LinkedHashMap<>();
        for (int i = 0; i < found.size(); i++) {
            Raw g = found.get(i);
            long first = g.first.fuzzCase().index();
            if (i < toMinimise && System.nanoTime() < deadline) {
                Minimiser.Outcome o = new Minimiser(this::probe, settings.minimiseRequests(), deadline).minimise(g.first);
                Finding f = o.finding();
                String key = String.join("|", f.kind().name(), f.fuzzCase().kind().key(), f.requirementId(),
                        f.fuzzCase().generator(), f.fuzzCase().describe());
                FindingGroup before = groups.get(key);
                groups.put(key, before == null ? new FindingGroup(f, g.count, first, o.repeated(), o.repeated())
                        : new FindingGroup(before.finding(), before.occurrences() + g.count, before.firstRequest(), true, true));
            } else {
                groups.put("raw|" + rawSignature(g.first), new FindingGroup(g.first, g.count, first, false, true));
            }
        }
        // The rules that lose or endlessly retry records first (MUST), then the strictness ones (SHOULD).
        return groups.values().stream()
                .sorted(Comparator.comparing((FindingGroup g) -> g.finding().level()).thenComparingLong(FindingGroup::firstRequest))
                .toList();
    }

    /** Sends a candidate of the minimiser with a fresh record id (unless its mutation names the id) and judges it. */
    private Optional<Finding> probe(FuzzCase candidate) {
        FuzzCase c = candidate;
        if (!namesTheId(c.mutation())) {
            long attempt = minimiseAttempts.incrementAndGet();
            c = c.withId(UUID.nameUUIDFromBytes((settings.seed() + ":" + c.index() + ":" + attempt).getBytes(StandardCharsets.UTF_8)));
        }
        Request r = c.render();
        ValueClass expected = Oracle.classify(r);
        Answer a = send(r);
        return a == null ? Optional.empty() : Judge.judge(c, r, expected, a);
    }

    private static boolean namesTheId(Mutation m) {
        return m instanceof Mutation.Header h && h.name().equals(FuzzCase.RECORD_ID)
                || m instanceof Mutation.DuplicateKey d && d.field().equals("id");
    }

    private static void count(Map<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counts) {
        return counts.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, c -> c.getValue().sum(), Long::sum, TreeMap::new));
    }

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
