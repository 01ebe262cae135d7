package org.replkit.load.bench;

import io.javalin.Javalin;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.ReceiverServer;
import org.replkit.receivers.record.RecordJson;
import org.replkit.receivers.record.RecordKind;
import org.replkit.receivers.record.RecordValidator;
import org.replkit.receivers.store.InMemoryStore;

/**
 * One target of the receiver benchmark, in a JVM of its own so that every target starts alike and
 * none inherits another's heap or JIT profile:
 * <ul>
 *   <li>{@code echo PORT}: a bare Javalin endpoint at /sync/patterns that answers the body it was sent;</li>
 *   <li>{@code receivers PORT [JDBC_URL]}: the reference receivers, in memory or on PostgreSQL;</li>
 *   <li>{@code footprint N}: stores N benchmark records in an in-memory store, through the receivers'
 *       own parsing and validation, and prints the heap each one takes.</li>
 * </ul>
 */
public final class BenchTarget {

    private BenchTarget() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "echo" -> Javalin.create(cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.routes.post(RecordKind.PATTERNS.path(), ctx -> ctx.contentType("application/json").result(ctx.bodyAsBytes()));
            }).start(ReceiverOptions.LOOPBACK, Integer.parseInt(args[1]));
            case "receivers" -> {
                ReceiverOptions options = ReceiverOptions.embedded().withPort(Integer.parseInt(args[1]));
                ReceiverServer.start(args.length > 2 ? options.withDbUrl(args[2]) : options);
            }
            case "footprint" -> footprint(Integer.parseInt(args[1]), args[2]);
            default -> throw new IllegalArgumentException("unknown target " + args[0]);
        }
    }

    /** Prints "FOOTPRINT bytes_per_record=… json_bytes=…": heap after a full GC, before and after N records. */
    private static void footprint(int records, String template) throws Exception {
        String record = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(template)), StandardCharsets.UTF_8);
        RecordValidator validator = new RecordValidator();
        try (InMemoryStore store = new InMemoryStore()) {
            long jsonBytes = 0;
            for (int i = 0; i < 1_000; i++) {
                store.upsert(validator.validate(RecordKind.PATTERNS, RecordJson.read(body(record, -1, i))).snapshot());
            }
            long before = usedHeapAfterGc();
            for (int i = 0; i < records; i++) {
                byte[] body = body(record, 0, i);
                jsonBytes += body.length;
                store.upsert(validator.validate(RecordKind.PATTERNS, RecordJson.read(body)).snapshot());
            }
            long after = usedHeapAfterGc();
            if (store.count(RecordKind.PATTERNS) != records + 1_000) {
                throw new IllegalStateException("the store holds " + store.count(RecordKind.PATTERNS) + " records");
            }
            System.out.printf(Locale.ROOT, "FOOTPRINT bytes_per_record=%.1f json_bytes=%.1f%n",
                    (after - before) / (double) records, jsonBytes / (double) records);
        }
    }

    /** The wrk script's ids, for run {@code run}: the same shape and length. */
    private static byte[] body(String template, int run, long n) {
        String id = String.format(Locale.ROOT, "%08x-%04x-7000-8000-%012x", run & 0xffffffffL, 1, n);
        return template.replace("@ID@", id).getBytes(StandardCharsets.UTF_8);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
