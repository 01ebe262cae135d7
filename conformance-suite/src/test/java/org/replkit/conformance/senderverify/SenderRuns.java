package org.replkit.conformance.senderverify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.replkit.sender.SenderDatabase;
import picocli.CommandLine;

/** Runs kit verify-sender in-process and reads its conformance.json. */
final class SenderRuns {

    private SenderRuns() {}

    /** As pg-image's tests: -Dsender.backend=auto|docker|debootstrap (default auto: Docker where an engine answers). */
    static SenderDatabase startSender() {
        String backend = System.getProperty("sender.backend", "auto").toUpperCase(Locale.ROOT);
        return SenderDatabase.start(SenderDatabase.Backend.valueOf(backend));
    }

    record Run(int exitCode, String console, JsonNode report) {
        String outcome(String id) {
            for (JsonNode r : report.path("requirements")) {
                if (r.path("id").asText().equals(id)) {
                    return r.path("outcome").asText();
                }
            }
            return "absent";
        }

        List<String> failed() {
            List<String> ids = new ArrayList<>();
            report.path("requirements").forEach(r -> {
                if (r.path("outcome").asText().equals("failed")) {
                    ids.add(r.path("id").asText());
                }
            });
            return ids;
        }
    }

    /**
     * A signing secret that must never show in an output: whsec_ and the base64 of
     * "kit-canary-signing-secret-4711".
     */
    static final String CANARY_SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("kit-canary-signing-secret-4711".getBytes(StandardCharsets.UTF_8));

    static Run verify(String jdbcUrl, Path reports, String... options) throws Exception {
        return verify(Map.of(SenderVerifyCommand.SENDER_DB_ENV, jdbcUrl), reports, options);
    }

    /** As {@link #verify}, with {@link #CANARY_SECRET} in $KIT_SIGNING_SECRET; fails when the secret shows in an output. */
    static Run verifySigned(String jdbcUrl, Path reports, String... options) throws Exception {
        Run run = verify(Map.of(SenderVerifyCommand.SENDER_DB_ENV, jdbcUrl, SenderVerifyCommand.SIGNING_SECRET_ENV, CANARY_SECRET),
                reports, options);
        String key = CANARY_SECRET.substring("whsec_".length());
        if (run.console().contains(key)) {
            throw new AssertionError("the signing secret shows on the console");
        }
        try (var files = java.nio.file.Files.walk(reports)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                if (new String(java.nio.file.Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(key)) {
                    throw new AssertionError("the signing secret shows in " + f);
                }
            }
        }
        return run;
    }

    private static Run verify(Map<String, String> env, Path reports, String... options) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("--report-dir", reports.toString()));
        args.addAll(List.of(options));
        int code = new CommandLine(new SenderVerifyCommand(print, print, env::get)).execute(args.toArray(String[]::new));
        String console = out.toString(StandardCharsets.UTF_8);
        JsonNode report = reports.resolve("conformance.json").toFile().exists()
                ? new ObjectMapper().readTree(reports.resolve("conformance.json").toFile()) : new ObjectMapper().createObjectNode();
        return new Run(code, console, report);
    }
}
