package org.replkit.conformance.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.replkit.conformance.model.Exchange;

/**
 * The curl lines of one report folder. Bodies too long or too odd for a shell line are written to
 * {@code bodies/} in that folder, named by their hash, and the line reads them from there (run it
 * from the report folder).
 */
public final class Replay {

    public static final String BODIES = "bodies";

    private final Path dir;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public Replay(Path dir) {
        this.dir = dir;
    }

    /** The replay of a report folder written anew: the bodies an earlier report left there are deleted. */
    public static Replay fresh(Path dir) throws IOException {
        Path bodies = dir.resolve(BODIES);
        if (Files.isDirectory(bodies)) {
            try (var old = Files.list(bodies)) {
                for (Path f : old.toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        return new Replay(dir);
    }

    public String curl(Exchange e) {
        return Curl.inline(e) ? Curl.line(e, null) : Curl.line(e, bodyFile(e));
    }

    /** The file, relative to the report folder, that will hold the request's whole body. */
    public String bodyFile(Exchange e) {
        String name = BODIES + "/" + hash(e.requestBody()) + ".body";
        files.putIfAbsent(name, e.requestBody());
        return name;
    }

    /** Writes the bodies the lines refer to. */
    public void writeBodies() {
        if (files.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(dir.resolve(BODIES));
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                Files.write(dir.resolve(f.getKey()), f.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write request bodies to " + dir.resolve(BODIES), e);
        }
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
