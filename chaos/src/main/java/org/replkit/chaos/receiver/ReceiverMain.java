package org.replkit.chaos.receiver;

import io.javalin.Javalin;
import java.util.concurrent.CountDownLatch;
import org.replkit.receivers.ReceiverOptions;
import org.replkit.receivers.http.ReceiverApp;
import org.replkit.receivers.store.InMemoryStore;
import org.replkit.receivers.store.PostgresStore;
import org.replkit.receivers.store.RecordStore;

/**
 * The receiver process of a chaos run: the reference receivers (the same application as
 * {@code ./kit receivers}) in a JVM of their own, so that the nemesis can kill them for real.
 *
 * <pre>ReceiverMain PORT [STORE_DECORATOR_CLASS]</pre>
 *
 * The PostgreSQL store's URL comes from the environment variable {@value #DB_URL_ENV} (kept off the
 * command line, where any user of the machine could read a password); without it, the in-memory store. STORE_DECORATOR_CLASS, a class with a public constructor
 * (RecordStore, String dbUrl) that implements RecordStore, wraps the store: the kit's own tests plant
 * defective receivers this way, to prove the checker catches them.
 */
public final class ReceiverMain {

    public static final String DB_URL_ENV = "KIT_CHAOS_RECEIVER_DB_URL";
    /** The Standard Webhooks secret deliveries must be signed with (unset: unsigned), as {@code kit receivers} reads it. */
    public static final String SIGNING_SECRET_ENV = "KIT_SIGNING_SECRET";
    /** The pid of the JVM that started this one: when it dies, so does this receiver (nothing is left running). */
    public static final String PARENT_PID_ENV = "KIT_CHAOS_PARENT_PID";

    private ReceiverMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ReceiverMain PORT [STORE_DECORATOR_CLASS]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String parent = System.getenv(PARENT_PID_ENV);
        if (parent != null) {
            ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(
                    p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)),
                    () -> Runtime.getRuntime().halt(0));
        }
        String dbUrl = System.getenv(DB_URL_ENV);
        RecordStore store = dbUrl == null || dbUrl.isBlank() ? new InMemoryStore() : PostgresStore.open(dbUrl);
        if (args.length > 1) {
            store = (RecordStore) Class.forName(args[1]).getConstructor(RecordStore.class, String.class)
                    .newInstance(store, dbUrl);
        }
        String secret = System.getenv(SIGNING_SECRET_ENV);
        Javalin app = ReceiverApp.create(store, null, secret == null || secret.isBlank() ? null : secret);
        app.start(ReceiverOptions.LOOPBACK, port);
        RecordStore opened = store;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            opened.close();
            stopped.countDown();
        }, "receiver-shutdown"));
        System.out.println("receiver ready on port " + port + " (store: " + store.describe() + ")");
        System.out.flush();
        stopped.await();
    }
}
