package org.replkit.sender;

/**
 * One sender database for the whole test run (starting one takes a few seconds), reset between tests.
 * Backend: -Dsender.backend=auto|docker|debootstrap (default auto: Docker where an engine answers).
 */
final class SharedSender {

    private static SenderDatabase instance;

    private SharedSender() {
    }

    static synchronized SenderDatabase get() {
        if (instance == null) {
            String backend = System.getProperty("sender.backend", "auto").toUpperCase();
            instance = SenderDatabase.start(SenderDatabase.Backend.valueOf(backend));
        }
        return instance;
    }
}
