package org.replkit.sender;

/** A running sender database server (a Docker container, a chroot, or one the user runs). */
interface SenderServer extends AutoCloseable {

    /** JDBC URL of the sender's database, user and password included. */
    String jdbcUrl();

    /** "docker", "debootstrap" or "external". */
    String kind();

    /** Stops the server and removes what it created (an external server is left alone). */
    @Override
    void close();
}
