package org.replkit.chaos;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.replkit.chaos.check.Checker;
import org.replkit.chaos.check.PropertyVerdict;
import org.replkit.chaos.history.Event;
import org.replkit.chaos.history.History;
import org.replkit.chaos.history.HistoryWriter;
import org.replkit.chaos.nemesis.FaultActions;
import org.replkit.chaos.nemesis.FaultKind;
import org.replkit.chaos.nemesis.FaultWindow;
import org.replkit.chaos.nemesis.Nemesis;
import org.replkit.chaos.nemesis.Schedule;
import org.replkit.chaos.observe.AuditReader;
import org.replkit.chaos.observe.ReceiverObserver;
import org.replkit.chaos.observe.WireRecorder;
import org.replkit.chaos.proxy.FaultProxy;
import org.replkit.chaos.proxy.WireFault;
import org.replkit.chaos.receiver.ChaosReceiver;
import org.replkit.chaos.receiver.LocalReceiver;
import org.replkit.chaos.receiver.RemoteReceiver;
import org.replkit.chaos.receiver.Sink;
import org.replkit.chaos.report.ChaosFigures;
import org.replkit.chaos.report.ChaosReport;
import org.replkit.chaos.workload.Marker;
import org.replkit.chaos.workload.WriteGenerator;
import org.replkit.sender.ReplicationApi;
import org.replkit.sender.SenderDatabase;
import org.replkit.sender.SenderTiming;
import org.replkit.spec.CouldNotRun;
import org.replkit.spec.Outcome;
import org.replkit.spec.SyncTable;
import org.replkit.receivers.store.EphemeralPostgres;

/**
 * One chaos run, start to finish: the sender database, the receivers under test behind one fault
 * proxy per receiver instance, the writer and the nemesis side by side, then the drain, the
 * observation of the receiver, the checker over the history file, and the report.
 *
 * <pre>
 *   writer --SQL--> sender DB --trigger, pg_cron, pg_net--> proxy (patterns) --> receiver /sync/patterns
 *                                                     \---> proxy (metrics)  --> receiver /sync/metrics
 *   nemesis: proxy faults, kill -9 of the receiver process, pg_ctl stop -m immediate of the sender
 * </pre>
 */
public final class ChaosRun {

    /** The receivers under test, one lane each, named by the table's key. */
    private static final List<SyncTable> UNDER_TEST = List.of(SyncTable.PATTERNS, SyncTable.METRICS);

    /** The outcome: exit code (0 passed, 1 a property failed, 2 could not run), verdicts, where the report is. */
    public record Result(int exitCode, List<PropertyVerdict> verdicts, ChaosFigures figures, Path reportDir) {}

    private final ChaosSettings settings;
    private final PrintStream out;
    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
    private final List<Event.Commit> commits = new CopyOnWriteArrayList<>();
    private final List<Event.SenderRow> senderRows = new CopyOnWriteArrayList<>();
    private Instant origin = Instant.now();

    private ChaosRun(ChaosSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static Result execute(ChaosSettings settings, PrintStream out) {
        return new ChaosRun(settings, out).run();
    }

    private Result run() {
        Path dir = settings.reportDir().toAbsolutePath();
        Path historyFile = dir.resolve("history.jsonl");
        HistoryWriter historyWriter;
        try {
            Files.createDirectories(dir);
            for (String old : List.of("history.jsonl", "summary.json", "index.html", "receiver.log")) {
                Files.deleteIfExists(dir.resolve(old));
            }
            historyWriter = new HistoryWriter(historyFile);
        } catch (Exception e) {
            return cannotRun(dir, "cannot write the report folder " + dir + ": " + e.getMessage());
        }
        Consumer<Event> history = event -> {
            historyWriter.append(event);
            if (event instanceof Event.Commit c) {
                commits.add(c);
            } else if (event instanceof Event.SenderRow r) {
                senderRows.add(r);
            }
        };
        String failure = null;
        try {
            runOn(history, dir);
        } catch (CouldNotRun e) {
            failure = e.getMessage();
        } catch (RuntimeException e) {
            // The kit's own trouble: one line (KIT_DEBUG=1 shows the trace), never a receiver's fault.
            if (System.getenv("KIT_DEBUG") != null) {
                e.printStackTrace(out);
            }
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } finally {
            closeAll();
        }
        historyWriter.append(new Event.RunEnded(Instant.now(), failure == null ? null : "could not run: " + failure));
        historyWriter.close();
        if (failure != null) {
            return cannotRun(dir, failure);
        }
        return judge(historyFile, dir, out);
    }

    /**
     * Judges a history file (a run's, or one kept from an earlier run) and writes the report into
     * {@code dir}: the checker reads nothing but the file.
     */
    public static Result judge(Path historyFile, Path dir, PrintStream out) {
        History recorded = History.read(historyFile);
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the report folder " + dir, e);
        }
        List<PropertyVerdict> verdicts = Checker.check(recorded);
        ChaosFigures figures = ChaosFigures.of(recorded, verdicts);
        int exit = verdicts.stream().anyMatch(PropertyVerdict::failed) ? 1
                : verdicts.stream().anyMatch(v -> v.outcome() == Outcome.CANT_TELL) ? 2 : 0;
        ChaosReport.write(dir, recorded, verdicts, figures, exit);
        printVerdicts(out, verdicts, figures, dir, exit);
        return new Result(exit, verdicts, figures, dir);
    }

    private void runOn(Consumer<Event> history, Path dir) throws InterruptedException {
        ChaosSettings s = settings;
        SenderTiming t = s.timing();
        say("seed %d (repeat with --seed %d); %.0f s at %s rows/s, %.0f%% updates; sender timing: cadence %d s, timeout %d ms, "
                        + "backoff %s s, %d retries",
                s.seed(), s.seed(), s.duration().toMillis() / 1000.0, ChaosReport.number(s.rowsPerSecond()), s.updateShare() * 100,
                t.cadenceSeconds(), t.timeoutMillis(), backoffs(t), t.maxRetries());

        // ---- the sender
        SenderDatabase sender = startSender(senderBackend(s), s.senderBackend());
        cleanup.push(sender);
        Map<String, String> leftOut = new LinkedHashMap<>();
        Set<FaultKind> kinds = s.faults().isEmpty() ? EnumSet.noneOf(FaultKind.class) : EnumSet.copyOf(s.faults());
        if (kinds.contains(FaultKind.SENDER_CRASH) && !sender.canCrashAndRestart()) {
            kinds.remove(FaultKind.SENDER_CRASH);
            leftOut.put(FaultKind.SENDER_CRASH.label(), "a " + sender.kind() + " sender database cannot be crash-stopped by the kit "
                    + "(use --sender-backend debootstrap or docker)");
        }
        int lostGrace;
        Event.SenderPolicy policy;
        try (Connection c = sender.connection(); Statement st = c.createStatement()) {
            // The kit's test database trades durability for speed; a crash-stop must not lose acknowledged commits.
            st.execute("ALTER SYSTEM SET synchronous_commit = on");
            st.execute("SELECT pg_reload_conf()");
            sender.setTiming(t);
            policy = OutagePolicySetting.apply(c, s.outagePolicy());
            if (s.lostGraceSeconds() != null) {
                st.execute("UPDATE replication.settings SET lost_grace_seconds = " + s.lostGraceSeconds());
            }
            for (String patch : s.senderPatches()) {
                st.execute(patch);
            }
            WriteGenerator.prepare(c);
            try (ResultSet rs = st.executeQuery("SELECT lost_grace_seconds FROM replication.settings")) {
                rs.next();
                lostGrace = rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new CouldNotRun("cannot prepare the sender database: " + e.getMessage(), e);
        }
        say("sender database: %s (%s); outage_policy %s%s", sender.kind(), sender.netProvider(), policy.outagePolicy(),
                policy.note() == null ? "" : " (" + policy.note() + ")");

        // ---- the receivers under test
        ChaosReceiver receiver = startReceiver(dir);
        cleanup.push(receiver);
        if (kinds.contains(FaultKind.RECEIVER_KILL) && !receiver.canKill()) {
            kinds.remove(FaultKind.RECEIVER_KILL);
            leftOut.put(FaultKind.RECEIVER_KILL.label(), "the kit does not run receivers given by URL, so it cannot kill them");
        }
        say("receivers: %s", receiver.describe());

        // ---- one fault proxy per receiver instance, and the registration
        Map<String, String> tableByLane = new LinkedHashMap<>();
        UNDER_TEST.forEach(table -> tableByLane.put(table.key(), table.tableName()));
        boolean gone = s.scheduleOverride() != null ? s.scheduleOverride().stream().anyMatch(w -> w.kind() == FaultKind.GONE)
                : kinds.contains(FaultKind.GONE);
        SideLanes side = SideLanes.plan(gone, s.fanOut());
        tableByLane.putAll(side.tableByLane());
        WireRecorder wire = new WireRecorder(tableByLane, history);
        Map<String, FaultProxy> proxies = new LinkedHashMap<>();
        List<Event.Lane> lanes = new ArrayList<>();
        Map<UUID, String> laneByInstance = new LinkedHashMap<>();
        for (SyncTable table : UNDER_TEST) {
            String lane = table.key();
            URI target = receiver.url(table);
            String proxied = proxy(lane, target, wire, proxies);
            UUID instance = sender.registerInstance("chaos-" + lane, proxied, table, null, settings.signingSecret());
            laneByInstance.put(instance, lane);
            lanes.add(new Event.Lane(lane, table.tableName(), instance, proxied, target.toString()));
        }
        // ---- instances beside the lanes under test (gone, fan-out), each behind its own proxy, in front of a sink
        Map<String, FaultProxy> sideProxies = new LinkedHashMap<>();
        List<Event.SideLane> sideLanes = new ArrayList<>();
        if (!side.isEmpty()) {
            Sink sink = Sink.start();
            cleanup.push(sink);
            for (SideLanes.Planned planned : side.lanes()) {
                String proxied = proxy(planned.lane(), sink.url(planned.table().path()), wire, sideProxies);
                UUID instance = sender.registerInstance("chaos-" + planned.lane(), proxied, planned.table());
                laneByInstance.put(instance, planned.lane());
                sideLanes.add(new Event.SideLane(planned.lane(), planned.role(), planned.table().tableName(), instance, proxied));
            }
            say("instances beside the receivers under test: %s", String.join(", ", sideLanes.stream()
                    .map(l -> l.lane() + " (" + l.role() + ")").toList()));
        }

        // ---- the receiver's count before the run: a receiver in use is never empty
        ReceiverObserver observer = new ReceiverObserver(history, settings.signingSecret());
        for (Event.Lane lane : lanes) {
            Event.MarkerDelivery m = observer.deliverMarker(lane.lane(), lane.table(), URI.create(lane.receiverUrl()), "before");
            say("receiver count before the run (%s): %s", lane.lane(), m.ackCount() != null ? m.ackCount()
                    : "unknown (" + (m.error() != null ? m.error() : "answered " + m.status() + ", no count") + ")");
        }

        // ---- the plan
        Schedule schedule;
        try {
            schedule = s.scheduleOverride() != null ? Schedule.of(s.seed(), s.scheduleOverride())
                    : Schedule.plan(s.seed(), s.duration(), t, kinds, List.copyOf(proxies.keySet()));
        } catch (IllegalArgumentException e) {
            throw new CouldNotRun(e.getMessage(), e);
        }
        leftOut.forEach((kind, why) -> say("fault %s left out: %s", kind, why));
        say("nemesis schedule (%d faults):", schedule.windows().size());
        schedule.describe().forEach(line -> say("  %s", line));

        // ---- writes and faults, side by side
        WriteGenerator writer = new WriteGenerator(sender.jdbcUrl(), s.seed(), s.updateShare(), history);
        Map<String, FaultProxy> allProxies = new LinkedHashMap<>(proxies);
        allProxies.putAll(sideProxies);
        FaultActions actions = new FaultActions((lane, fault) -> allProxies.get(lane).set(fault), receiver::kill, receiver::restart,
                sender::stopImmediately, sender::startAgain);
        origin = Instant.now();
        history.accept(new Event.Run(origin, s.seed(), s.duration().toMillis() / 1000.0, s.rowsPerSecond(), s.updateShare(),
                new Event.Timing(t.cadenceSeconds(), t.timeoutMillis(), t.backoffSeconds(), t.maxRetries(), lostGrace),
                receiver.describe(), receiver.keepsData(), lanes, kindsOf(schedule, kinds), leftOut));
        history.accept(policy);
        sideLanes.forEach(history::accept);
        // The fan-out case's dead instance: requests never answered, for the whole run.
        sideLanes.stream().filter(l -> l.role().equals(SideLanes.FAN_OUT_BLACK_HOLE))
                .forEach(l -> sideProxies.get(l.lane()).set(WireFault.of(WireFault.Kind.HOLD)));
        Nemesis nemesis = new Nemesis(schedule, List.copyOf(proxies.keySet()), actions, history, out::println, origin);
        nemesis.recordPlan();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writing = new Thread(() -> {
            try {
                writer.run(s.duration(), s.rowsPerSecond());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                writerFailure.set(e);
            }
        }, "chaos-writer");
        say("t=  0.0s  writing %s rows/s for %.0f s", ChaosReport.number(s.rowsPerSecond()), s.duration().toMillis() / 1000.0);
        writing.start();
        try {
            nemesis.run();
        } catch (CouldNotRun e) {
            writing.interrupt();
            throw e;
        } finally {
            writing.join();
        }
        if (writerFailure.get() != null) {
            throw new CouldNotRun("the writer failed: " + writerFailure.get().getMessage(), writerFailure.get());
        }
        proxies.values().forEach(p -> p.set(WireFault.PASS));
        try (Connection c = sender.connection()) {
            writer.resolveUnknown(c);
        } catch (SQLException e) {
            throw new CouldNotRun("cannot look up the writes whose outcome was unknown: " + e.getMessage(), e);
        }
        WriteGenerator.Figures w = writer.figures();
        say("t=%5.1fs  writes done: %d attempted, %d committed, %d failed%s", since(), w.attempted(), w.committed(), w.failed(),
                w.unknown() > 0 ? " (" + w.unknown() + " with an outcome unknown at the time, looked up since)" : "");

        // ---- the drain
        // A removed or black-holed instance's items may wait for good: the drain waits for the others'.
        List<UUID> awaited = new ArrayList<>(lanes.stream().map(Event.Lane::instanceId).toList());
        sideLanes.stream().filter(l -> l.role().equals(SideLanes.FAN_OUT)).forEach(l -> awaited.add(l.instanceId()));
        drain(sender, history, s.effectiveDrainLimit(lostGrace), awaited);
        awaitProxiesIdle(proxies.values(), Duration.ofMillis(maxLatency(schedule) + t.timeoutMillis() + 10_000));

        // ---- what the sender recorded, and what the receiver holds
        try (Connection c = sender.connection()) {
            AuditReader.read(c, laneByInstance, history);
        } catch (SQLException e) {
            throw new CouldNotRun("cannot read the sender's audit trail: " + e.getMessage(), e);
        }
        observeReceiver(receiver, observer, lanes);
    }

    /** The sender on the {@code preferred} backend, else on the one {@code asked} for (the crash fault is then left out). */
    private static SenderDatabase startSender(SenderDatabase.Backend preferred, SenderDatabase.Backend asked) {
        try {
            return SenderDatabase.start(preferred);
        } catch (RuntimeException e) {
            if (preferred == asked) {
                throw new CouldNotRun("cannot start the sender database: " + e.getMessage(), e);
            }
            return startSender(asked, asked);
        }
    }

    private ChaosReceiver startReceiver(Path dir) {
        ChaosSettings s = settings;
        try {
            return switch (s.receiver()) {
                case URL -> new RemoteReceiver(s.patternsUrl(), s.metricsUrl());
                case REFERENCE_MEMORY -> LocalReceiver.start(null, null, s.storeDecorator(), s.signingSecret(), dir.resolve("receiver.log"));
                case REFERENCE_POSTGRES -> {
                    if (s.receiverDbUrl() == null) {
                        EphemeralPostgres db = EphemeralPostgres.start();
                        cleanup.push(db);
                        yield LocalReceiver.start(db.jdbcUrl("chaos_receiver"), db.describe(), s.storeDecorator(), s.signingSecret(),
                                dir.resolve("receiver.log"));
                    }
                    String schema = "kit_chaos_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
                    String url = withSchema(s.receiverDbUrl(), schema);
                    cleanup.push(() -> dropSchema(url, schema));
                    yield LocalReceiver.start(url, "the database given with --receiver-db-url, schema " + schema, s.storeDecorator(),
                            s.signingSecret(), dir.resolve("receiver.log"));
                }
            };
        } catch (RuntimeException e) {
            throw new CouldNotRun("cannot start the receivers: " + e.getMessage(), e);
        }
    }

    /** Starts the lane's fault proxy in front of {@code target}, adds it to {@code proxies}; the URL the sender is given. */
    private String proxy(String lane, URI target, Consumer<org.replkit.chaos.proxy.Exchange> wire, Map<String, FaultProxy> proxies) {
        int port = target.getPort() > 0 ? target.getPort() : 80;
        try {
            FaultProxy p = FaultProxy.start(lane, new InetSocketAddress(target.getHost(), port), wire);
            cleanup.push(p);
            proxies.put(lane, p);
            return p.url(target.getRawPath());
        } catch (IllegalArgumentException e) {
            throw new CouldNotRun(e.getMessage(), e);
        }
    }

    private void drain(SenderDatabase sender, Consumer<Event> history, Duration limit, List<UUID> instances) throws InterruptedException {
        Instant start = Instant.now();
        long[] lastSaid = {0};
        say("t=%5.1fs  draining: waiting up to %.0f s for the queue to settle", since(), limit.toMillis() / 1000.0);
        long open;
        try {
            open = sender.replication().awaitSettled(ReplicationApi.Scope.instances(instances), limit, Duration.ofMillis(500), n -> {
                long quarter = Duration.between(start, Instant.now()).toSeconds() / 15;
                if (n > 0 && quarter > lastSaid[0]) {
                    lastSaid[0] = quarter;
                    say("t=%5.1fs  %d item(s) still open", since(), n);
                }
            });
        } catch (SQLException e) {
            throw new CouldNotRun("cannot read the sender's queue: " + e.getMessage(), e);
        }
        double waitedS = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        history.accept(new Event.Drain(Instant.now(), open == 0, waitedS, open));
        say("t=%5.1fs  %s after %.1f s", since(), open == 0 ? "queue settled" : open + " item(s) still open", waitedS);
    }

    private static void awaitProxiesIdle(java.util.Collection<FaultProxy> proxies, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (proxies.stream().anyMatch(p -> p.inProgress() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private void observeReceiver(ChaosReceiver receiver, ReceiverObserver observer, List<Event.Lane> lanes)
            throws InterruptedException {
        // The sender rows were just written to the history: each lane's are those of its table.
        Map<String, Map<UUID, Event.SenderRow>> newest = lanes.stream().collect(Collectors.toMap(Event.Lane::lane, lane -> senderRows.stream()
                .filter(r -> r.table().equals(lane.table())).collect(Collectors.toMap(Event.SenderRow::id, r -> r, (a, b) -> b, LinkedHashMap::new))));
        try {
            receiver.store().ifPresent(store -> lanes.forEach(lane ->
                    observer.readStore(lane.lane(), lane.table(), store, List.copyOf(newest.get(lane.lane()).keySet()))));
        } catch (RuntimeException e) {
            throw new CouldNotRun("cannot read the receivers' store: " + e.getMessage(), e);
        }
        int records = newest.values().stream().mapToInt(Map::size).sum();
        say("t=%5.1fs  re-delivering %d records straight to the receivers (oldest snapshot, then the newest)", since(), records);
        for (Event.Lane lane : lanes) {
            observer.deliverMarker(lane.lane(), lane.table(), URI.create(lane.receiverUrl()), "again");
            List<Event.Commit> ofTable = commits.stream().filter(c -> c.table().equals(lane.table())).toList();
            observer.redeliver(lane.lane(), lane.table(), URI.create(lane.receiverUrl()), ofTable, newest.get(lane.lane()));
        }
    }

    private void closeAll() {
        while (!cleanup.isEmpty()) {
            AutoCloseable c = cleanup.pop();
            try {
                c.close();
            } catch (Exception e) {
                out.println("chaos: could not stop " + c.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    private Result cannotRun(Path dir, String reason) {
        out.println("chaos: could not run: " + reason);
        ChaosReport.writeCannotRun(dir, settings.seed(), reason);
        return new Result(2, List.of(), null, dir);
    }

    private static void printVerdicts(PrintStream out, List<PropertyVerdict> verdicts, ChaosFigures figures, Path dir, int exit) {
        for (PropertyVerdict v : verdicts) {
            line(out, "%-11s %-8s %s", v.outcome() == Outcome.CANT_TELL ? "CANNOT TELL" : v.outcome().name(),
                    v.property(), v.summary());
            v.problems().stream().limit(5).forEach(p -> line(out, "              %s", p.describe()));
            if (v.problems().size() > 5) {
                line(out, "              ... and %d more (summary.json lists them all)", v.problems().size() - 5);
            }
        }
        line(out, "faults injected: %s", figures.faultsByKindLine());
        line(out, "changes committed: %d; changes lost: %d (records lost %d, stale %d, dropped by the sender %d)",
                figures.changesCommitted(), figures.changesLost(), figures.recordsLost(), figures.recordsStale(), figures.changesDropped());
        line(out, "%s: report %s (also summary.json, history.jsonl)", exit == 0 ? "PASSED" : exit == 1 ? "FAILED" : "COULD NOT TELL",
                dir.resolve("index.html"));
    }

    private static void line(PrintStream out, String format, Object... args) {
        out.println("chaos: " + String.format(Locale.ROOT, format, args));
    }

    private void say(String format, Object... args) {
        line(out, format, args);
    }

    private double since() {
        return Duration.between(origin, Instant.now()).toMillis() / 1000.0;
    }

    /** The kinds the schedule applies (every kind asked for, for a planned schedule), in the fault list's order. */
    private static List<String> kindsOf(Schedule schedule, Set<FaultKind> asked) {
        Stream<FaultKind> kinds = schedule.windows().isEmpty() ? asked.stream() : schedule.windows().stream().map(FaultWindow::kind);
        return kinds.distinct().sorted().map(FaultKind::label).toList();
    }

    private static long maxLatency(Schedule schedule) {
        return schedule.windows().stream().filter(w -> w.kind() == FaultKind.LATENCY).mapToLong(FaultWindow::delayMillis).max().orElse(0);
    }

    private static String backoffs(SenderTiming t) {
        return String.join("/", t.backoffSeconds().stream().map(ChaosReport::number).toList());
    }

    private static String withSchema(String url, String schema) {
        String base = url.replaceAll("([?&])currentSchema=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** The schema made for this run in a database the user gave: the run's data goes with it. */
    private static void dropSchema(String url, String schema) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /**
     * Both the debootstrap and the Docker paths can crash-stop the sender (pg_ctl stop -m immediate;
     * SIGKILL to the container's postmaster) and start it again on its data. When the crash fault is
     * wanted and the backend was left to choose, it is the debootstrap path, as before Docker could.
     */
    private static SenderDatabase.Backend senderBackend(ChaosSettings s) {
        boolean crash = s.faults().contains(FaultKind.SENDER_CRASH);
        return crash && s.senderBackend() == SenderDatabase.Backend.AUTO ? SenderDatabase.Backend.DEBOOTSTRAP : s.senderBackend();
    }
}
