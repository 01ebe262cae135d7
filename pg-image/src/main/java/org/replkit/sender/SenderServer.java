package org.replkit.sender;

/** A running sender database server (a Docker container, a chroot, or one the user runs). */
interface SenderServer extends AutoCloseable {

    /** JDBC URL of the sender's database, user and password included. */
    String jdbcUrl();

    /** "docker", "debootstrap" or "external". */
    String kind();

    /** Whether {@link #stopImmediately()} and {@link #startAgain()} work here. */
    default boolean canCrashAndRestart() {
        return false;
    }

    /** Stops the server as a crash would ({@code pg_ctl stop -m immediate}), keeping its data. */
    default void stopImmediately() {
        throw new UnsupportedOperationException("a " + kind() + " sender database cannot be crash-stopped by the kit");
    }

    /** Starts a server stopped by {@link #stopImmediately()} again on the same data; returns once it answers. */
    default void startAgain() {
        throw new UnsupportedOperationException("a " + kind() + " sender database cannot be restarted by the kit");
    }

    /** What the server has logged so far, where the kit can read it (empty for an external server). */
    default String serverLog() {
        return "";
    }

    /** Stops the server and removes what it created (an external server is left alone). */
    @Override
    void close();
}
