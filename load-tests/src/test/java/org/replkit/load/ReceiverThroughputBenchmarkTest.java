package org.replkit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.testsupport.TestPostgres;

/**
 * Upserts per second of the reference receivers on each store, next to a no-op Javalin 7 endpoint
 * (a fixed 200 ack; the body is drained, nothing parsed or stored) measured in the same run: the ratios are what to
 * compare between machines, not the absolute figures. Closed loop: {@value #CONCURRENCY} clients
 * each send the next valid record (patterns and metrics alternately, each a new id) as soon as
 * the previous one is acknowledged. Rounds are interleaved so that drift hits every target alike.
 *
 * <p>Run: {@code mvn -pl load-tests -am test -Dsurefire.excludedGroups= -Dgroups=benchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("benchmark")
class ReceiverThroughputBenchmarkTest {

    private static final int CONCURRENCY = 16;
    private static final Duration WARMUP = Duration.ofSeconds(5);
    private static final Duration ROUND = Duration.ofSeconds(8);
    private static final int ROUNDS = 3;

    @Test
    void upsertsPerSecondPerStoreAgainstANoOpEndpoint() throws Exception {
        String pgUrl = TestPostgres.freshSchemaUrl();
        Javalin noOp = noOpEndpoint();
        try (ReceiverServer memory = ReceiverServer.start(ReceiverOptions.embedded());
             ReceiverServer postgres = ReceiverServer.start(ReceiverOptions.embedded().withDbUrl(pgUrl))) {
            Map<String, String> targets = new LinkedHashMap<>();
            targets.put("no-op Javalin 7 endpoint", "http://127.0.0.1:" + noOp.port());
            targets.put("in-memory store", memory.baseUrl());
            targets.put("PostgreSQL store", postgres.baseUrl());

            Map<String, List<Figures>> rounds = new LinkedHashMap<>();
            for (Map.Entry<String, String> t : targets.entrySet()) {
                measure(t.getValue(), WARMUP);
                rounds.put(t.getKey(), new ArrayList<>());
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (Map.Entry<String, String> t : targets.entrySet()) {
                    Figures f = measure(t.getValue(), ROUND);
                    assertEquals(0, f.errors, t.getKey() + ": every valid record must be acknowledged with 200");
                    rounds.get(t.getKey()).add(f);
                }
            }
            print(rounds);
        } finally {
            noOp.stop();
            TestPostgres.dropSchema(pgUrl);
        }
    }

    private static Javalin noOpEndpoint() {
        String ack = "{\"status\":\"ok\",\"pattern_id\":\"00000000-0000-7000-8000-000000000000\",\"pattern_name\":\"x\","
                + "\"synced_at\":\"2026-11-29T00:00:00Z\",\"local_record_count\":1}";
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            for (RecordKind kind : RecordKind.values()) {
                // The body is drained (not parsed): an unread body makes Jetty close the connection.
                cfg.routes.post(kind.path(), ctx -> {
                    try (var body = ctx.bodyInputStream()) {
                        body.transferTo(java.io.OutputStream.nullOutputStream());
                    }
                    ctx.contentType("application/json").result(ack);
                });
            }
        }).start("127.0.0.1", 0);
    }

    /** Closed loop for {@code duration}: upserts per second and per-request latencies. */
    private static Figures measure(String baseUrl, Duration duration) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        RecordFeeder patterns = new RecordFeeder(RecordKind.PATTERNS, CONCURRENCY);
        RecordFeeder metrics = new RecordFeeder(RecordKind.METRICS, CONCURRENCY);
        AtomicLong errors = new AtomicLong();
        AtomicLong dropped = new AtomicLong();
        long deadline = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        long start = System.nanoTime();
        List<Future<long[]>> workers = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            workers.add(pool.submit(() -> {
                long[] latencies = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < deadline) {
                    RecordKind kind = n % 2 == 0 ? RecordKind.PATTERNS : RecordKind.METRICS;
                    var record = (kind == RecordKind.PATTERNS ? patterns : metrics).next();
                    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + kind.path()))
                            .header("Content-Type", "application/json")
                            .header("X-Sync-Event-Type", "INSERT")
                            .header("X-Sync-Table", kind.table())
                            .header("X-Sync-Record-Id", record.get("id").asText())
                            .POST(HttpRequest.BodyPublishers.ofString(record.toString()))
                            .build();
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    } catch (java.io.IOException e) {
                        // A pooled connection the server had just closed: the client does not retry a POST.
                        dropped.incrementAndGet();
                        continue;
                    }
                    if (n == latencies.length) {
                        latencies = Arrays.copyOf(latencies, n * 2);
                    }
                    latencies[n++] = System.nanoTime() - sent;
                }
                return Arrays.copyOf(latencies, n);
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : workers) {
            for (long l : f.get()) {
                all.add(l);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        all.sort(null);
        return new Figures(all.size() / seconds, percentileMs(all, 50), percentileMs(all, 99), errors.get(), dropped.get());
    }

    private static double percentileMs(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private static void print(Map<String, List<Figures>> rounds) {
        double noOp = median(rounds.values().iterator().next());
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nReceiver throughput, %d concurrent clients, median of %d rounds of %d s (%d cores)%n",
                CONCURRENCY, ROUNDS, ROUND.toSeconds(), Runtime.getRuntime().availableProcessors()));
        table.append(String.format(Locale.ROOT, "%-26s %12s %9s %9s %10s %8s%n", "target", "upserts/s", "p50 ms", "p99 ms", "vs no-op", "dropped"));
        for (Map.Entry<String, List<Figures>> e : rounds.entrySet()) {
            double median = median(e.getValue());
            Figures mid = e.getValue().stream().min((a, b) -> Double.compare(Math.abs(a.perSecond - median), Math.abs(b.perSecond - median))).orElseThrow();
            long dropped = e.getValue().stream().mapToLong(Figures::dropped).sum();
            table.append(String.format(Locale.ROOT, "%-26s %12.0f %9.1f %9.1f %10.2f %8d%n",
                    e.getKey(), median, mid.p50Ms, mid.p99Ms, median / noOp, dropped));
        }
        System.out.println(table);
    }

    private static double median(List<Figures> figures) {
        double[] values = figures.stream().mapToDouble(f -> f.perSecond).sorted().toArray();
        return values[values.length / 2];
    }

    private record Figures(double perSecond, double p50Ms, double p99Ms, long errors, long dropped) {}
}
