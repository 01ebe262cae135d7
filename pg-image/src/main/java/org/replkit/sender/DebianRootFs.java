package org.replkit.sender;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Debian 13 root filesystem the Docker-less sender runs in: postgresql-17, postgresql-17-cron
 * (pg_cron 1.6, second-level schedules) and postgresql-17-http (pgsql-http, for the pg_net stand-in),
 * made once with debootstrap (about a minute, 700 MB) and cached on disk under a key derived from
 * the package list, so every clone and every run on the machine reuses it.
 *
 * <p>Cache folder: {@code $KIT_SENDER_CACHE}, else /var/cache/replkit/sender-rootfs when running as
 * root, else ~/.cache/replkit/sender-rootfs. Mirror: {@code $KIT_DEBIAN_MIRROR}, else deb.debian.org.
 */
final class DebianRootFs {

    static final String SUITE = "trixie";
    static final String VARIANT = "minbase";
    static final List<String> PACKAGES = List.of("postgresql-17", "postgresql-17-cron", "postgresql-17-http");
    static final String PG_BIN = "/usr/lib/postgresql/17/bin";

    private static final Logger LOG = LoggerFactory.getLogger(DebianRootFs.class);

    private DebianRootFs() {
    }

    static Path cacheDir() {
        String override = System.getenv("KIT_SENDER_CACHE");
        if (override != null && !override.isBlank()) {
            return Path.of(override).toAbsolutePath();
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return Path.of("/var/cache/replkit/sender-rootfs");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "replkit", "sender-rootfs");
    }

    /** Changes whenever the suite, variant or package list changes, so a stale cache is never used. */
    static String key() {
        String spec = SUITE + "|" + VARIANT + "|" + String.join(",", PACKAGES);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(spec.getBytes(StandardCharsets.UTF_8));
            return "debian-" + SUITE + "-pg17-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached root filesystem, made first if needed (one process makes it, the others wait). */
    static Path ensure() {
        Path cache = cacheDir();
        Path root = cache.resolve(key());
        Path complete = root.resolve(".replkit-complete");
        if (Files.exists(complete)) {
            return root;
        }
        requireRootAndDebootstrap();
        try {
            Files.createDirectories(cache);
            try (FileChannel lockFile = FileChannel.open(cache.resolve(key() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (Files.exists(complete)) {
                    return root;
                }
                build(cache, root);
                return root;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the sender root filesystem in " + cache, e);
        }
    }

    private static void build(Path cache, Path root) throws IOException {
        Path work = cache.resolve(key() + ".partial");
        Sh.deleteTree(work);
        Path log = cache.resolve(key() + ".debootstrap.log");
        String mirror = System.getenv().getOrDefault("KIT_DEBIAN_MIRROR", "http://deb.debian.org/debian");
        LOG.info("making the sender root filesystem with debootstrap (once per machine, about a minute): {}", root);
        ProcessBuilder pb = new ProcessBuilder("debootstrap", "--variant=" + VARIANT,
                "--include=" + String.join(",", PACKAGES), SUITE, work.toString(), mirror)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        int exit = Sh.waitFor(pb.start(), 20, TimeUnit.MINUTES);
        if (exit != 0) {
            throw new IllegalStateException("debootstrap failed (exit " + exit + "); its log: " + log
                    + "\n" + Sh.tail(log, 15));
        }
        // The packages are installed; their .deb files are not needed any more.
        Sh.deleteChildren(work.resolve("var/cache/apt/archives"), ".deb");
        Files.writeString(work.resolve(".replkit-complete"), String.join("\n", PACKAGES) + "\n");
        Sh.deleteTree(root);
        Files.move(work, root, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void requireRootAndDebootstrap() {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new IllegalStateException("the Docker-less sender database needs root (debootstrap, chroot, mount); "
                    + "run as root, or use Docker, or pass the JDBC URL of a database you run yourself");
        }
        if (!Sh.onPath("debootstrap")) {
            throw new IllegalStateException("debootstrap is not installed: apt-get install -y debootstrap "
                    + "(pg-image/bin/ci-prepare.sh does it)");
        }
    }
}
