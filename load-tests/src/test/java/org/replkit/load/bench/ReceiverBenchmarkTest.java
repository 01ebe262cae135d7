package org.replkit.load.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.replkit.load.GatlingRunner;
import org.replkit.load.GatlingStats;
import org.replkit.load.LoadProfile;
import org.replkit.load.LoadProperty;
import org.replkit.load.bench.LoadGenerators.Figures;
import org.replkit.receivers.store.PostgresStore;
import org.replkit.receivers.store.EphemeralPostgres;

/**
 * The reference receivers against their baselines, all in one run, with load generators outside
 * the server's JVM: wrk (unique ids, the spec's headers) against a bare Javalin echo endpoint, the
 * in-memory receivers, and the PostgreSQL receivers on an empty table and on one holding 1,000,000
 * patterns; pgbench upserting the same row shape straight into the same PostgreSQL. Rounds are
 * interleaved so that a busy moment of the machine hits every target alike; each figure is the
 * median round. Then Gatling's steady profile against the PostgreSQL receivers with 1M rows, and
 * the in-memory store's bytes per record.
 *
 * <p>It judges what its name promises: after printing and keeping the table, it fails naming every
 * target missed (in-memory >= 0.9 of echo, PostgreSQL >= 0.8 of pgbench, 1M rows >= 0.95 of the
 * empty table, steady p99 < 1 s, <= 2 x the JSON per stored record). A round that lost more of the
 * machine's CPU to other guests than bench.maxSteal (3%) is run again, twice at most; a ratio that
 * still rests on such a round is shown as "cannot tell", and the run is then skipped, not failed,
 * unless something else was missed. It is never part of
 * {@code mvn verify}: its figures depend on the machine it runs on.
 *
 * <p>Run: {@code load-tests/bin/benchmark} (see load-tests/README.md). Properties: bench.rounds (3),
 * bench.roundS (10), bench.maxSteal (0.03), bench.warmS (60: the JIT needs it; load-tests/README.md has the measurement behind it), bench.preload (1000000), bench.steady (true), bench.jvmArgs (none: arguments added to every target's JVM alike, space-separated), bench.jfr (false:
 * true records each target JVM with JFR into target/benchmark/), bench.targets (all: a comma-separated subset of echo,
 * in-memory, pgbench, empty table, 1M rows for a look at one change; such a run judges nothing and fails saying so).
 */
@Tag("benchmark")
class ReceiverBenchmarkTest {

    private static final int CONNECTIONS = 16;
    private static final int THREADS = 2;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int ROUND_S = Integer.getInteger("bench.roundS", 10);
    private static final int WARM_S = Integer.getInteger("bench.warmS", 60);
    private static final int PRELOAD = Integer.getInteger("bench.preload", 1_000_000);
    private static final boolean STEADY = Boolean.parseBoolean(System.getProperty("bench.steady", "true"));
    private static final boolean JFR = Boolean.getBoolean("bench.jfr");
    private static final List<String> JVM_ARGS = java.util.Arrays.stream(System.getProperty("bench.jvmArgs", "").trim().split("\\s+")).filter(a -> !a.isEmpty()).toList();
    /** Short names of the targets to run (a look at one change); the full run, and its verdict, needs all of them. */
    private static final List<String> ONLY = List.of(System.getProperty("bench.targets", "echo,in-memory,pgbench,empty table,1M rows")
            .split(" *, *"));
    private static final int FOOTPRINT_RECORDS = 200_000;
    /**
     * Above this share of stolen CPU a round is run again. On a shared 2-core machine a benchmark of
     * 10 minutes once lost 8% of its CPU to other guests, and echo rounds of one build then ranged
     * from 6,385 to 19,366 req/s; quiet rounds lose 0 to 3%.
     */
    private static final double MAX_STEAL = Double.parseDouble(System.getProperty("bench.maxSteal", "0.03"));
    private static final int STOLEN_ROUND_RETRIES = 2;
    /**
     * Each target's heap at start, touched before the rounds: 4 GB, or a fifth of the memory
     * available on a smaller machine (four targets, PostgreSQL and the load generators share it).
     */
    private static final long START_HEAP_MB = Math.max(512, Math.min(4096, availableMemoryMb() / 5));

    private static final String ECHO = "bare Javalin echo endpoint";
    private static final String MEMORY = "receivers, in-memory store";
    private static final String RAW = "raw upserts (pgbench)";
    private static final String PG_EMPTY = "receivers, PostgreSQL, empty table";
    private static final String PG_FULL = "receivers, PostgreSQL, 1M rows";

    private final Path out = Path.of("target", "benchmark").toAbsolutePath();
    private final List<Process> children = new ArrayList<>();
    private final Map<String, Process> targets = new LinkedHashMap<>();

    @Test
    void receiversAgainstTheirBaselines() throws Exception {
        LoadGenerators.require("wrk", "wrk");
        LoadGenerators.require("pgbench", "postgresql-15 (or postgresql-client)");
        Files.createDirectories(out);
        Path script = copy("bench/unique-patterns.lua");
        Path template = copy("bench/pattern.json");
        Instant started = Instant.now();
        try (EphemeralPostgres pg = EphemeralPostgres.startDurable()) {
            String base = pg.jdbcUrl();
            int pgPort = pgPort(base);
            Map<String, String> urls = new LinkedHashMap<>();
            if (selected(ECHO)) {
                urls.put(ECHO, start("echo", "echo"));
            }
            if (selected(MEMORY)) {
                urls.put(MEMORY, start("memory", "receivers"));
            }
            if (selected(PG_EMPTY)) {
                urls.put(PG_EMPTY, start("pg-empty", "receivers", base + "&currentSchema=bench_empty"));
            }
            if (selected(PG_FULL)) {
                urls.put(PG_FULL, start("pg-1m", "receivers", base + "&currentSchema=bench_full"));
            }
            Path pgbenchScript = prepareRawTable(base);
            if (selected(PG_FULL)) {
                preload(base, "bench_full", PRELOAD);
            }

            Map<String, List<Round>> rounds = new LinkedHashMap<>();
            List.of(ECHO, MEMORY, RAW, PG_EMPTY, PG_FULL).stream().filter(ReceiverBenchmarkTest::selected)
                    .forEach(t -> rounds.put(t, new ArrayList<>()));
            List<String> order = List.copyOf(rounds.keySet());
            Rig rig = new Rig(base, pgPort, urls, pgbenchScript, script, template);
            for (int round = 0; round <= ROUNDS; round++) {          // round 0 warms every target up and is not counted
                for (String target : order) {
                    int attempts = round == 0 ? 1 : 1 + STOLEN_ROUND_RETRIES;
                    Round r = null;
                    for (int attempt = 0; attempt < attempts && (r == null || r.stolen()); attempt++) {
                        int run = ((round * (1 + STOLEN_ROUND_RETRIES) + attempt) * 16) + order.indexOf(target);
                        r = runRound(rig, target, round == 0 ? WARM_S : ROUND_S, run);
                        assertEquals(0, r.figures().failed(), target + ": answers that were not 2xx, or none");
                    }
                    if (round > 0) {
                        rounds.get(target).add(r);
                    }
                }
            }
            GatlingStats steady = STEADY && selected(PG_FULL) ? steadyProfile(urls.get(PG_FULL)) : null;
            double[] footprint = selected(MEMORY) ? footprint(template) : null;
            List<String> missed = new ArrayList<>();
            List<String> cannotTell = new ArrayList<>();
            String report = table(rounds, steady, footprint, started, missed, cannotTell);
            System.out.println(report);
            Files.writeString(out.resolve("receiver-benchmark.txt"), report);
            assertTrue(missed.isEmpty(), "targets missed: " + String.join("; ", missed));
            // Never a miss: the machine, not the receivers, is what such a round measured.
            Assumptions.assumeTrue(cannotTell.isEmpty(), "cannot tell: " + String.join("; ", cannotTell));
        } finally {
            children.forEach(Process::destroy);
            for (Process p : children) {
                p.waitFor();
            }
        }
    }

    /**
     * One measured round of one target: its figures, the share of the machine's CPU the hypervisor gave
     * to other guests meanwhile, and the CPU time of the target's JVM per request answered (steadier
     * than req/s on a busy machine; null for pgbench, which has no JVM).
     */
    record Round(Figures figures, double steal, Double cpuMicrosPerRequest) {
        boolean stolen() {
            return steal > MAX_STEAL;
        }
    }

    /** What the rounds run against: the PostgreSQL cluster, the targets' URLs, and the load generators' scripts. */
    private record Rig(String jdbcUrl, int pgPort, Map<String, String> urls, Path pgbenchScript, Path wrkScript, Path template) {}

    private Round runRound(Rig rig, String target, int seconds, int run) throws Exception {
        if (target.equals(RAW)) {
            sql(rig.jdbcUrl(), "TRUNCATE bench_raw.approved_patterns");
            CpuSteal before = CpuSteal.now();
            Figures f = LoadGenerators.pgbench("127.0.0.1", rig.pgPort(), "kit", "postgres", CONNECTIONS, THREADS, seconds,
                    rig.pgbenchScript(), out.resolve("pgbench-log"));
            return new Round(f, CpuSteal.now().shareSince(before), null);
        }
        if (target.equals(PG_EMPTY)) {
            sql(rig.jdbcUrl(), "TRUNCATE bench_empty.approved_patterns");
        }
        long cpuBefore = cpuTicks(targets.get(target));
        CpuSteal before = CpuSteal.now();
        Figures f = LoadGenerators.wrk(rig.urls().get(target) + "/sync/patterns", THREADS, CONNECTIONS, seconds, run,
                rig.wrkScript(), rig.template());
        double stolen = CpuSteal.now().shareSince(before);
        long cpuTicks = cpuTicks(targets.get(target)) - cpuBefore;
        return new Round(f, stolen, cpuTicks * 1e6 / CLOCK_TICKS / (f.perSecond() * seconds));
    }

    private static boolean selected(String target) {
        return ONLY.contains(shortName(target));
    }

    /** A target in a JVM of its own; returns its base URL once it listens. */
    private String start(String name, String... args) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        // Room for what the in-memory store is made to hold: about 3M records (1.8 GB live) by the last
        // round. In a 2 GB heap the collector marked without pause from the warm-up on, the figure
        // measured the heap's size rather than the store, and longer runs ended in full collections.
        // The heap's start is touched before the rounds, as a server's heap is: the in-memory store is
        // the only target whose heap grows, and its every new page was a fault the kernel served
        // during the rounds (0.1 to 1 a request here), a cost of sizing the heap, not of the store.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms" + START_HEAP_MB + "m", "-Xmx8g", "-XX:+AlwaysPreTouch"));
        command.addAll(JVM_ARGS);
        if (JFR) {
            command.add("-XX:StartFlightRecording=filename=" + out.resolve(name + ".jfr") + ",settings=profile,dumponexit=true");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchTarget.class.getName(), args[0], Integer.toString(port)));
        for (int i = 1; i < args.length; i++) {
            command.add(args[i]);
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.resolve(name + ".log").toFile()).start();
        children.add(p);
        targets.put(switch (name) {
            case "echo" -> ECHO;
            case "memory" -> MEMORY;
            case "pg-empty" -> PG_EMPTY;
            default -> PG_FULL;
        }, p);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && p.isAlive()) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return "http://127.0.0.1:" + port;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(name + " did not start; see " + out.resolve(name + ".log"));
    }

    /** The receivers' table shape in schema bench_raw, without the count triggers: what pgbench upserts into. */
    private Path prepareRawTable(String base) throws IOException, SQLException {
        PostgresStore.open(base + "&currentSchema=bench_raw").close();
        for (String trigger : List.of("count_inserts", "count_deletes", "count_truncates")) {
            sql(base, "DROP TRIGGER " + trigger + " ON bench_raw.approved_patterns");
        }
        String upsert = "INSERT INTO bench_raw.approved_patterns AS stored (id, name, ecosystem, frequency, confidence, description,"
                + " examples, best_practices, approved_at, last_synced_at, instances_count, inserted_at, updated_at)"
                + " VALUES (gen_random_uuid(), 'gen_server_pattern', 'elixir', 156, 0.94, 'Pattern for GenServer state management',"
                + " '{\"code_snippet\":\"use GenServer\",\"usage_context\":\"stateful workers\"}', '[\"keep state small\"]',"
                + " '2025-01-10T10:00:00Z', '2025-01-10T10:00:00Z', 3, '2025-01-10T10:00:00Z', '2025-01-10T10:00:00Z')"
                + " ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, ecosystem = EXCLUDED.ecosystem, frequency = EXCLUDED.frequency,"
                + " confidence = EXCLUDED.confidence, description = EXCLUDED.description, examples = EXCLUDED.examples,"
                + " best_practices = EXCLUDED.best_practices, approved_at = EXCLUDED.approved_at, last_synced_at = EXCLUDED.last_synced_at,"
                + " instances_count = EXCLUDED.instances_count, inserted_at = EXCLUDED.inserted_at, updated_at = EXCLUDED.updated_at"
                + " WHERE stored.updated_at <= EXCLUDED.updated_at;\n";
        Path script = out.resolve("raw-upsert.sql");
        Files.writeString(script, upsert);
        return script;
    }

    /** {@code rows} patterns of the benchmark's shape, inserted in SQL (the count triggers count them too). */
    private static void preload(String base, String schema, int rows) throws SQLException {
        sql(base, "INSERT INTO " + schema + ".approved_patterns (id, name, ecosystem, frequency, confidence, description, examples,"
                + " best_practices, approved_at, last_synced_at, instances_count, inserted_at, updated_at)"
                + " SELECT gen_random_uuid(), 'pattern_' || g, 'elixir', g, 0.94, 'Pattern for GenServer state management',"
                + " '{\"code_snippet\":\"use GenServer\",\"usage_context\":\"stateful workers\"}', '[\"keep state small\"]',"
                + " now(), now(), 3, now(), now() FROM generate_series(1, " + rows + ") AS g");
        sql(base, "VACUUM ANALYZE " + schema + ".approved_patterns");
    }

    private GatlingStats steadyProfile(String baseUrl) {
        GatlingRunner.Outcome outcome = GatlingRunner.run(LoadProfile.STEADY,
                Map.of(LoadProperty.TARGET, baseUrl, LoadProperty.P99_MS, "1000"), out.resolve("gatling"), null);
        return GatlingStats.read(outcome.reportDir());
    }

    /** [bytes per stored record, bytes of the record's JSON], measured in a JVM of its own. */
    private double[] footprint(Path template) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), BenchTarget.class.getName(), "footprint",
                Integer.toString(FOOTPRINT_RECORDS), template.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher m = Pattern.compile("FOOTPRINT bytes_per_record=([0-9.]+) json_bytes=([0-9.]+)").matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("the footprint run printed no figures:\n" + output);
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }

    /** Linux: user + system time of a process, in clock ticks (/proc/PID/stat fields 14 and 15). */
    private static long cpuTicks(Process p) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** USER_HZ: Linux reports process times in hundredths of a second. */
    private static final int CLOCK_TICKS = 100;

    /** MemAvailable of /proc/meminfo, in MB; 4 GB a target's worth where it cannot be read. */
    private static long availableMemoryMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemAvailable:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(5L * 4096);
        } catch (IOException | NumberFormatException e) {
            return 5L * 4096;
        }
    }

    private static String table(Map<String, List<Round>> rounds, GatlingStats steady, double[] footprint, Instant started,
                                List<String> missed, List<String> cannotTell) {
        Map<String, Figures> median = new LinkedHashMap<>();
        rounds.forEach((target, measured) -> {
            List<Figures> sorted = measured.stream().map(Round::figures).sorted(Comparator.comparingDouble(Figures::perSecond)).toList();
            median.put(target, sorted.get(sorted.size() / 2));
        });
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT,
                "%nReceiver benchmark, %s UTC, %d cores: wrk/pgbench with %d connections, %d threads;"
                        + " median of %d interleaved rounds of %d s (after %d s of warm-up each); each target's heap"
                        + " %d MB at start, touched%n%n",
                started.truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(), CONNECTIONS, THREADS,
                ROUNDS, ROUND_S, WARM_S, START_HEAP_MB));
        t.append(String.format(Locale.ROOT, "%-38s %9s %8s %8s   %s%n", "target", "req/s", "p50 ms", "p99 ms", "ratio (target)"));
        row(t, ECHO, median, null, 0, rounds, missed, cannotTell);
        row(t, MEMORY, median, ECHO, 0.9, rounds, missed, cannotTell);
        row(t, RAW, median, null, 0, rounds, missed, cannotTell);
        row(t, PG_EMPTY, median, RAW, 0.8, rounds, missed, cannotTell);
        row(t, PG_FULL, median, PG_EMPTY, 0.95, rounds, missed, cannotTell);
        t.append(String.format(Locale.ROOT, "%nCPU of the target's JVM per request (median round, µs): %s%n", rounds.entrySet().stream()
                .filter(e -> e.getValue().get(0).cpuMicrosPerRequest() != null)
                .map(e -> {
                    List<Double> sorted = e.getValue().stream().map(Round::cpuMicrosPerRequest).sorted().toList();
                    return String.format(Locale.ROOT, "%s %.0f", shortName(e.getKey()), sorted.get(sorted.size() / 2));
                })
                .collect(Collectors.joining("; "))));
        t.append(String.format(Locale.ROOT, "rounds (req/s, and the CPU stolen by the hypervisor meanwhile): %s%n",
                rounds.entrySet().stream().map(e -> e.getKey() + " " + roundFigures(e.getValue()))
                        .collect(Collectors.joining("; "))));
        if (steady != null) {
            if (steady.p99Ms() >= 1000 || steady.failed() > 0) {
                missed.add("steady profile p99 " + steady.p99Ms() + " ms, " + steady.failed() + " failed (< 1000 ms, none failed)");
            }
            t.append(String.format(Locale.ROOT, "steady profile (Gatling, 400 deliveries per 5 s tick, 60 s) on %s:"
                            + " %d requests, %d failed, p50 %d ms, p99 %d ms, max %d ms   p99 < 1000 ms: %s%n",
                    PG_FULL, steady.requests(), steady.failed(), steady.p50Ms(), steady.p99Ms(), steady.maxMs(),
                    steady.p99Ms() < 1000 && steady.failed() == 0 ? "met" : "MISSED"));
        }
        if (footprint != null) {
            double ratio = footprint[0] / footprint[1];
            if (ratio > 2.0) {
                missed.add(String.format(Locale.ROOT, "in-memory store %.2f x the JSON per record (<= 2 x)", ratio));
            }
            t.append(String.format(Locale.ROOT, "in-memory store: %.0f bytes per stored record for a %.0f-byte record (%.2f x its JSON)"
                    + "   <= 2 x: %s%n", footprint[0], footprint[1], ratio, ratio <= 2.0 ? "met" : "MISSED"));
        }
        if (ONLY.size() < 5) {
            missed.add("only " + String.join(", ", ONLY) + " ran (bench.targets): no verdict on the others");
        }
        return t.toString();
    }

    private static void row(StringBuilder t, String target, Map<String, Figures> median, String baseline, double goal,
                            Map<String, List<Round>> rounds, List<String> missed, List<String> cannotTell) {
        Figures f = median.get(target);
        if (f == null) {
            return;
        }
        String ratio = "";
        if (baseline != null && median.containsKey(baseline)) {
            double r = f.perSecond() / median.get(baseline).perSecond();
            double stolen = Math.max(mostStolen(rounds.get(target)), mostStolen(rounds.get(baseline)));
            if (stolen > MAX_STEAL) {
                // Rounds still stolen from after their reruns: the ratio is shown, not judged.
                cannotTell.add(String.format(Locale.ROOT, "%s against %s: a round lost %.0f%% of the CPU to other guests"
                        + " (more than %.0f%%) after %d reruns", shortName(target), shortName(baseline), 100 * stolen,
                        100 * MAX_STEAL, STOLEN_ROUND_RETRIES));
                ratio = String.format(Locale.ROOT, "%.2f of %s (>= %.2f: cannot tell, CPU stolen)", r, shortName(baseline), goal);
            } else {
                if (r < goal) {
                    missed.add(String.format(Locale.ROOT, "%s %.2f of %s (>= %.2f)", shortName(target), r, shortName(baseline), goal));
                }
                ratio = String.format(Locale.ROOT, "%.2f of %s (>= %.2f: %s)", r, shortName(baseline), goal, r >= goal ? "met" : "MISSED");
            }
        }
        t.append(String.format(Locale.ROOT, "%-38s %9.0f %8.2f %8.2f   %s%n", target, f.perSecond(), f.p50Ms(), f.p99Ms(), ratio));
    }

    private static double mostStolen(List<Round> measured) {
        return measured.stream().mapToDouble(Round::steal).max().orElse(0);
    }

    /** "19366 (0%)/6385 (12%)/...": each counted round's req/s and stolen share. */
    private static String roundFigures(List<Round> measured) {
        return measured.stream().map(r -> String.format(Locale.ROOT, "%.0f (%.0f%%)", r.figures().perSecond(), 100 * r.steal()))
                .collect(Collectors.joining("/"));
    }

    private static String shortName(String target) {
        return switch (target) {
            case ECHO -> "echo";
            case RAW -> "pgbench";
            case PG_EMPTY -> "empty table";
            case MEMORY -> "in-memory";
            case PG_FULL -> "1M rows";
            default -> target;
        };
    }

    private Path copy(String resource) throws IOException {
        Path target = out.resolve(Path.of(resource).getFileName());
        try (var in = ReceiverBenchmarkTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.write(target, in.readAllBytes());
        }
        return target;
    }

    private static int pgPort(String jdbcUrl) {
        Matcher m = Pattern.compile("//[^:/]+:(\\d+)/").matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalStateException("no port in " + jdbcUrl);
        }
        return Integer.parseInt(m.group(1));
    }

    private static void sql(String url, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
