package org.replkit.load;

import io.javalin.Javalin;
import io.javalin.http.Handler;

/** A deliberately wrong receiver on a free loopback port, to prove that a simulation can fail. */
final class StubReceiver implements AutoCloseable {

    private final Javalin app;

    private StubReceiver(Javalin app) {
        this.app = app;
    }

    /** Both sync endpoints answered by {@code handler}. */
    static StubReceiver answering(Handler handler) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.routes.post("/sync/patterns", handler);
            cfg.routes.post("/sync/metrics", handler);
        }).start("127.0.0.1", 0);
        return new StubReceiver(app);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
