package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * A sender written unlike the kit's, for kit verify-sender's self-test: a schema of its own with only
 * the two tables (other column types: int4 counts, integer milliseconds) and a trigger that NOTIFYs
 * each change; this Java loop LISTENs and pushes, one request per change, every second, with a 1 s
 * timeout and retries after 1, 2 and 4 s, per-record order, nothing retried after a 4xx. Receivers
 * are registered by NOTIFY too ("{table} {url}"), so it has no replication schema at all.
 */
final class ForeignTestSender implements AutoCloseable {

    static final Duration CADENCE = Duration.ofSeconds(1);
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final long[] BACKOFF_MILLIS = {1000, 2000, 4000};

    /** One change for one receiver. */
    private static final class Item {
        final String url;
        final String table;
        final String event;
        final String id;
        final String body;
        int attempts;
        Instant due = Instant.now();
        boolean inFlight;

        Item(String url, String table, String event, String id, String body) {
            this.url = url;
            this.table = table;
            this.event = event;
            this.id = id;
            this.body = body;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String jdbcUrl;
    private final String schema;
    private final Map<String, List<String>> receivers = new ConcurrentHashMap<>();
    private final Map<String, Deque<Item>> queues = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Thread listener;
    private final Thread pusher;
    private volatile boolean stopped;

    /** Creates the schema (tables and trigger) and starts listening and pushing. */
    ForeignTestSender(String adminJdbcUrl, String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(adminJdbcUrl); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
            st.execute("""
                    CREATE TABLE %1$s.approved_patterns (
                        id uuid PRIMARY KEY, name text NOT NULL, ecosystem text NOT NULL, frequency int4 NOT NULL DEFAULT 0,
                        confidence double precision NOT NULL, description text, examples jsonb, best_practices text[],
                        approved_at timestamptz, last_synced_at timestamptz, instances_count int4,
                        inserted_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
                    CREATE TABLE %1$s.execution_metrics (
                        id uuid PRIMARY KEY, period_start timestamptz NOT NULL, period_end timestamptz NOT NULL,
                        jobs_completed int4 NOT NULL DEFAULT 0, jobs_failed int4 NOT NULL DEFAULT 0,
                        success_rate double precision NOT NULL, avg_execution_time_ms integer, total_memory_used_mb integer,
                        p50_execution_time_ms integer, p95_execution_time_ms integer, p99_execution_time_ms integer,
                        instance_id text NOT NULL, extra_note text DEFAULT 'acme',
                        inserted_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now());
                    CREATE FUNCTION %1$s.announce() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        PERFORM pg_notify('%1$s_changes', json_build_object('table', TG_TABLE_NAME, 'event', TG_OP,
                            'row', to_jsonb(NEW) - 'extra_note')::text);
                        RETURN NEW;
                    END $$;
                    CREATE TRIGGER announce AFTER INSERT OR UPDATE ON %1$s.approved_patterns FOR EACH ROW EXECUTE FUNCTION %1$s.announce();
                    CREATE TRIGGER announce AFTER INSERT OR UPDATE ON %1$s.execution_metrics FOR EACH ROW EXECUTE FUNCTION %1$s.announce();
                    """.formatted(schema));
        }
        this.jdbcUrl = adminJdbcUrl;
        this.schema = schema;
        Connection listening = DriverManager.getConnection(adminJdbcUrl);
        try (Statement st = listening.createStatement()) {
            st.execute("LISTEN " + schema + "_changes");
            st.execute("LISTEN " + schema + "_register");
        }
        listener = new Thread(() -> listen(listening, schema), "foreign-sender-listen");
        pusher = new Thread(this::push, "foreign-sender-push");
        listener.start();
        pusher.start();
    }

    List<String> problems() {
        return problems;
    }

    private void listen(Connection c, String schema) {
        try (c) {
            PGConnection pg = c.unwrap(PGConnection.class);
            while (!stopped) {
                PGNotification[] got = pg.getNotifications(200);
                if (got == null) {
                    continue;
                }
                for (PGNotification n : got) {
                    if (n.getName().equals(schema + "_register")) {
                        String[] parts = n.getParameter().split(" ", 2);
                        receivers.computeIfAbsent(parts[0], k -> new CopyOnWriteArrayList<>()).add(parts[1]);
                    } else {
                        JsonNode change = JSON.readTree(n.getParameter());
                        String table = change.path("table").asText();
                        JsonNode row = change.path("row");
                        for (String url : receivers.getOrDefault(table, List.of())) {
                            Item item = new Item(url, table, change.path("event").asText(), row.path("id").asText(), row.toString());
                            Deque<Item> q = queues.computeIfAbsent(url + " " + item.id, k -> new ArrayDeque<>());
                            synchronized (q) {
                                q.addLast(item);
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            if (!stopped) {
                problems.add("listen: " + e);
            }
        }
    }

    /** Every cadence: the head of each record's queue, when due and not in flight, is sent. */
    private void push() {
        while (!stopped) {
            Instant now = Instant.now();
            for (Deque<Item> q : queues.values()) {
                Item head;
                synchronized (q) {
                    head = q.peekFirst();
                    if (head == null || head.inFlight || head.due.isAfter(now.plusMillis(100))) {
                        continue;
                    }
                    head.inFlight = true;
                }
                send(q, head);
            }
            try {
                Thread.sleep(CADENCE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(Deque<Item> q, Item item) {
        Instant sent = Instant.now();
        item.attempts++;
        HttpRequest request = HttpRequest.newBuilder(URI.create(item.url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Sync-Event-Type", item.event)
                .header("X-Sync-Table", item.table)
                .header("X-Sync-Record-Id", item.id)
                .POST(HttpRequest.BodyPublishers.ofString(item.body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            int status = response == null ? 0 : response.statusCode();
            boolean done = status >= 200 && status < 500 || item.attempts > BACKOFF_MILLIS.length;
            synchronized (q) {
                item.inFlight = false;
                if (done) {
                    q.pollFirst();
                } else {
                    item.due = sent.plusMillis(BACKOFF_MILLIS[item.attempts - 1]);
                }
            }
        });
    }

    /** The JDBC URL kit verify-sender gets: the same database, with this sender's schema first on the search path. */
    static String withSchema(String jdbcUrl, String schema) {
        return jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @Override
    public void close() throws Exception {
        stopped = true;
        pusher.interrupt();
        listener.join(2000);
        pusher.join(2000);
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
