package org.replkit.sender;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender image, built from pg-image/Dockerfile (shipped on the classpath) with the legacy builder
 * and host networking, tagged by a hash of the build context and arguments so that an unchanged image
 * is built once per engine.
 *
 * <p>Base image and pg_net source: {@code KIT_SENDER_BASE_IMAGE} and {@code KIT_SENDER_PG_NET_SOURCE}
 * when set; else the local Debian base {@value #LOCAL_BASE} (made by .ci/docker-base-image.sh) with the
 * pg_net stand-in when the engine has it; else the Dockerfile's defaults (postgres:17-bookworm and
 * pg_net's release, which need a registry and the internet).
 */
final class DockerImage {

    static final String NAME = "replkit/sender-db";
    static final String LOCAL_BASE = "replkit/sender-base:trixie-pg17";
    static final String OFFICIAL_BASE = "postgres:17-bookworm";

    private static final Logger LOG = LoggerFactory.getLogger(DockerImage.class);

    private DockerImage() {
    }

    /** The build arguments; null pgNetSource means the Dockerfile's default (pg_net's release). */
    record BuildArgs(String baseImage, String pgNetSource) {}

    static BuildArgs buildArgs() {
        String base = System.getenv("KIT_SENDER_BASE_IMAGE");
        String pgNet = java.util.Optional.ofNullable(System.getenv("KIT_SENDER_PG_NET_SOURCE")).map(String::trim)
                .filter(s -> !s.isEmpty()).orElse(null);
        if (base != null && !base.isBlank()) {
            return new BuildArgs(base.trim(), pgNet);
        }
        if (DockerCli.hasImage(LOCAL_BASE)) {
            return new BuildArgs(LOCAL_BASE, pgNet != null ? pgNet : "standin");
        }
        return new BuildArgs(OFFICIAL_BASE, pgNet);
    }

    /** True when the engine has the base image the build would start from (no registry needed). */
    static boolean baseAvailable() {
        return DockerCli.hasImage(buildArgs().baseImage());
    }

    /** Builds the image unless the engine has it already; returns its name:tag. */
    static String ensureBuilt() {
        BuildArgs args = buildArgs();
        String tag = NAME + ":" + contentHash(args);
        if (DockerCli.hasImage(tag)) {
            return tag;
        }
        Path context = DockerBuildContext.writeToTempDir();
        long started = System.nanoTime();
        try {
            List<String> command = new java.util.ArrayList<>(List.of("build", "-q", "--force-rm", "--network", "host",
                    "--build-arg", "BASE_IMAGE=" + args.baseImage()));
            if (args.pgNetSource() != null) {
                command.addAll(List.of("--build-arg", "PG_NET_SOURCE=" + args.pgNetSource()));
            }
            command.addAll(List.of("-t", tag, context.toString()));
            DockerCli.run(command.toArray(String[]::new));
        } finally {
            Sh.deleteTree(context);
        }
        LOG.info("built {} from {} (pg_net: {}) in {} s", tag, args.baseImage(),
                args.pgNetSource() == null ? "release" : args.pgNetSource(), (System.nanoTime() - started) / 1_000_000_000);
        return tag;
    }

    private static String contentHash(BuildArgs args) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String[] f : DockerBuildContext.files()) {
                sha.update(f[0].getBytes(StandardCharsets.UTF_8));
                sha.update(ClasspathFiles.read(f[1]).getBytes(StandardCharsets.UTF_8));
            }
            sha.update(args.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
