package org.replkit.load;

import io.gatling.http.response.Response;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load shedding: a receiver that cannot keep up answers 429 or 503 with {@code Retry-After}, and the
 * sender tries the delivery again later. Such an answer is shed, counted apart from failures: it
 * fails no profile. A 429 or 503 without {@code Retry-After}, any other status, a timeout or a
 * connection error is a failed delivery.
 */
public final class Shedding {

    public static final String RETRY_AFTER = "Retry-After";

    /** Shed answers per Gatling request name, in the simulation's JVM. */
    private static final Map<String, LongAdder> SHED_BY_REQUEST = new ConcurrentHashMap<>();
    /** 429/503 answers without Retry-After per request name: failed deliveries, and a breach of SYNC-SHED-01. */
    private static final Map<String, LongAdder> BARE_BY_REQUEST = new ConcurrentHashMap<>();

    private Shedding() {
    }

    /** 429 Too Many Requests or 503 Service Unavailable: the statuses a receiver sheds load with. */
    public static boolean isSheddingStatus(int status) {
        return status == 429 || status == 503;
    }

    /** A shedding status that says when to come back. */
    public static boolean isShed(int status, String retryAfter) {
        return isSheddingStatus(status) && retryAfter != null && !retryAfter.isBlank();
    }

    /** Counts {@code response} when it is shed, under the request's name, and passes it on unchanged. */
    public static Response count(String requestName, Response response) {
        int status = response.status().code();
        if (isShed(status, response.headers().get(RETRY_AFTER))) {
            SHED_BY_REQUEST.computeIfAbsent(requestName, k -> new LongAdder()).increment();
        } else if (isSheddingStatus(status)) {
            BARE_BY_REQUEST.computeIfAbsent(requestName, k -> new LongAdder()).increment();
        }
        return response;
    }

    /** Shed answers per request name, counted so far. */
    public static Map<String, Long> counts() {
        return sums(SHED_BY_REQUEST);
    }

    /** 429/503 answers without Retry-After per request name, counted so far. */
    public static Map<String, Long> withoutRetryAfterCounts() {
        return sums(BARE_BY_REQUEST);
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counters) {
        Map<String, Long> out = new TreeMap<>();
        counters.forEach((name, n) -> out.put(name, n.sum()));
        return out;
    }
}
