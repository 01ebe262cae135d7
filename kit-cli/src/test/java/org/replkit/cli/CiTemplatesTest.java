package org.replkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The CI templates call the kit the way the kit answers: every option templates/ci/verify.sh passes
 * exists on {@code kit verify}, every input of action.yml reaches the script, and the GitLab template
 * runs the same script and publishes its junit.xml. .ci/run runs the script itself.
 */
class CiTemplatesTest {

    static final Path ROOT = Paths.get("..").toAbsolutePath().normalize();

    @Test
    void theScriptPassesOnlyOptionsKitVerifyHas() throws Exception {
        String script = Files.readString(ROOT.resolve("templates/ci/verify.sh"));
        CommandLine verify = Kit.commandLine().getSubcommands().get("verify");
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\((verify\\s.*?)\\)|args\\+=\\((--[a-z-]+)").matcher(script);
        while (m.find()) {
            String text = m.group(1) != null ? m.group(1) : m.group(2);
            Matcher o = Pattern.compile("--[a-z][a-z-]+").matcher(text);
            while (o.find()) {
                used.add(o.group());
            }
        }
        assertTrue(used.containsAll(Set.of("--profile", "--report-dir", "--patterns-url", "--metrics-url", "--status-url",
                "--baseline")), used.toString());
        for (String option : used) {
            assertTrue(verify.getCommandSpec().findOption(option) != null, "kit verify has no option " + option);
        }
        // The tokens are read from the environment by kit verify itself, not put on a command line.
        Class<?> command = org.replkit.conformance.VerifyCommand.class;
        assertEquals("${env:KIT_TOKEN}", command.getDeclaredField("token").getAnnotation(CommandLine.Option.class).defaultValue());
        assertEquals("${env:KIT_ADMIN_TOKEN}",
                command.getDeclaredField("adminToken").getAnnotation(CommandLine.Option.class).defaultValue());
    }

    @Test
    void everyActionInputReachesTheScriptAndEveryOutputIsWritten() throws Exception {
        JsonNode action = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("action.yml").toFile());
        String script = Files.readString(ROOT.resolve("templates/ci/verify.sh"));
        JsonNode step = action.path("runs").path("steps").get(1);
        assertEquals("composite", action.path("runs").path("using").asText());
        assertTrue(step.path("run").asText().endsWith("templates/ci/verify.sh"), step.toString());
        action.path("inputs").fieldNames().forEachRemaining(input -> {
            String env = "KIT_" + input.toUpperCase().replace('-', '_');
            assertEquals("${{ inputs." + input + " }}", step.path("env").path(env).asText(), input + " reaches " + env);
            assertTrue(script.contains(env), "verify.sh reads " + env);
        });
        action.path("outputs").fieldNames().forEachRemaining(output ->
                assertTrue(script.contains("echo \"" + output + "="), "verify.sh writes the output " + output));
    }

    @Test
    void theGitlabTemplateRunsTheSameScriptAndPublishesJunitXml() throws Exception {
        JsonNode job = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("templates/ci/gitlab-ci.yml").toFile())
                .path(".replication-conformance");
        assertTrue(job.path("script").get(0).asText().contains("templates/ci/verify.sh"), job.toString());
        assertEquals("$KIT_REPORT_DIR/junit.xml", job.path("artifacts").path("reports").path("junit").asText());
        assertEquals("always", job.path("artifacts").path("when").asText());
    }
}
