package org.replkit.conformance.senderverify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.replkit.spec.SyncTable;

/**
 * A receiver of one table on loopback whose answers are scripted per record (WireMock with a
 * transformer): every request is logged as an {@link Arrival} with the answer it got. Records
 * without a script are acknowledged at once, as a conforming receiver would.
 */
public final class ScriptedReceiver implements AutoCloseable {

    private static final String SCRIPTED = "kit-verify-sender-script";

    private final SyncTable table;
    private final WireMockServer server;
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    /** When set, answers every request whatever its record: a receiver down as a whole, or gone. */
    private volatile Script everyRecord;
    private final Map<String, Integer> attempts = new HashMap<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private volatile String registeredUrl;

    public ScriptedReceiver(SyncTable table) {
        this.table = table;
        this.server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(40)
                .notifier(new Slf4jNotifier(false))
                .extensions(new Answering()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withTransformers(SCRIPTED)));
        registeredUrl = url();
    }

    public SyncTable table() {
        return table;
    }

    /** The receiver's own URL: http://127.0.0.1:PORT/sync/patterns (or /sync/metrics). */
    public String url() {
        return "http://127.0.0.1:" + server.port() + table.path();
    }

    public int port() {
        return server.port();
    }

    /** The URL the sender was given (through a {@link ConnectionWatch}, for example); arrivals name it. */
    public void registeredAs(String url) {
        this.registeredUrl = url;
    }

    public String registeredUrl() {
        return registeredUrl;
    }

    public void script(String recordId, Script script) {
        scripts.put(recordId, script);
    }

    /** Answers every request by this script (a receiver down as a whole, or gone), or by the records' scripts again (null). */
    public void everyRecord(Script script) {
        this.everyRecord = script;
    }

    /** Every request so far, oldest first. */
    public synchronized List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The requests about one record, oldest first. */
    public synchronized List<Arrival> arrivals(String recordId) {
        return arrivals.stream().filter(a -> a.recordId().map(recordId::equals).orElse(false)).toList();
    }

    /**
     * Waits until the record's requests satisfy {@code done} or {@code limit} has passed.
     *
     * @return the record's requests at that moment
     */
    public List<Arrival> await(UUID id, Predicate<List<Arrival>> done, Duration limit)
            throws InterruptedException {
        return Poll.until(Instant.now().plus(limit), Duration.ofMillis(50), () -> arrivals(id.toString()), done);
    }

    @Override
    public void close() {
        server.stop();
    }

    private synchronized void log(ServeEvent event, Map<String, String> headers, Reply reply, int attempt, Instant at) {
        arrivals.add(new Arrival(table, registeredUrl, at, attempt, event.getRequest().getMethod().getName(), headers,
                event.getRequest().getBody(), reply.status(), reply.body(), reply.holdMillis()));
    }

    private synchronized int nextAttempt(String recordId) {
        return attempts.merge(recordId == null ? "" : recordId, 1, Integer::sum);
    }

    /** Answers by the record's script and logs the request. */
    private final class Answering implements ResponseTransformerV2 {
        @Override
        public Response transform(Response response, ServeEvent event) {
            Instant at = Instant.now();
            Map<String, String> headers = new LinkedHashMap<>();
            for (HttpHeader h : event.getRequest().getHeaders().all()) {
                headers.put(h.key(), String.join(", ", h.values()));
            }
            Arrival probe = new Arrival(table, registeredUrl, at, 0, "POST", headers, event.getRequest().getBody(), 0, null, 0);
            String recordId = probe.recordId().orElse(null);
            int attempt = nextAttempt(recordId);
            Script whole = everyRecord;
            Script script = whole != null ? whole : recordId == null ? null : scripts.get(recordId);
            Reply reply = script == null ? Reply.ok(recordId) : script.answer(attempt, probe);
            log(event, headers, reply, attempt, at);
            List<HttpHeader> answerHeaders = new ArrayList<>();
            answerHeaders.add(new HttpHeader("Content-Type", "application/json"));
            reply.headers().forEach((k, v) -> answerHeaders.add(new HttpHeader(k, v)));
            Response.Builder b = Response.Builder.like(response).but()
                    .status(reply.status())
                    .headers(new HttpHeaders(answerHeaders))
                    .body(reply.body());
            if (reply.holdMillis() > 0) {
                b.incrementInitialDelay(reply.holdMillis());
            }
            return b.build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return SCRIPTED;
        }
    }
}
