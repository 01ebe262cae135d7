package org.replkit.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Dockerfile's build stage (the one that compiles pg_net) on the Debian 13 base: its packages must
 * compile a PGXS extension that includes utils/pg_locale.h, as pg_net does. pg_net's own source cannot
 * be had here, so a small probe extension is served on loopback as PG_NET_SOURCE. Without libicu-dev
 * the probe fails exactly as pg_net did ("unicode/ucol.h: No such file or directory").
 */
class DockerBuildStageTest {

    private static final String MAKEFILE = """
            MODULES = locale_probe
            PG_CONFIG = pg_config
            PGXS := $(shell $(PG_CONFIG) --pgxs)
            include $(PGXS)
            """;

    private static final String PROBE_C = """
            #include "postgres.h"
            #include "fmgr.h"
            #include "utils/pg_locale.h"

            PG_MODULE_MAGIC;

            /* Something from pg_locale.h, so that the header is compiled, not only found. */
            int locale_probe_provider(pg_locale_t locale);
            int locale_probe_provider(pg_locale_t locale) { return locale == NULL ? 0 : (int) locale->provider; }
            """;

    @Test
    void theBuildStageCompilesAnExtensionThatIncludesPgLocaleOnDebian13(@TempDir Path tmp) throws Exception {
        boolean usable = DockerCli.engineAnswers() && DockerCli.hasImage(DockerImage.LOCAL_BASE);
        if ("1".equals(System.getenv("KIT_REQUIRE_DOCKER"))) {
            assertTrue(usable, "KIT_REQUIRE_DOCKER=1 but no Docker engine with " + DockerImage.LOCAL_BASE);
        }
        assumeTrue(usable, "no Docker engine with the Debian 13 base image " + DockerImage.LOCAL_BASE);

        Path tarball = probeTarball(tmp);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/locale_probe.tar.gz", exchange -> {
            byte[] bytes = Files.readAllBytes(tarball);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        Path context = DockerBuildContext.writeToTempDir();
        String tag = "replkit/sender-build-stage-probe:" + ProcessHandle.current().pid();
        try {
            String source = "http://127.0.0.1:" + server.getAddress().getPort() + "/locale_probe.tar.gz";
            DockerCli.run(20, "build", "-q", "--force-rm", "--network", "host", "--target", "pgnet-build",
                    "--build-arg", "BASE_IMAGE=" + DockerImage.LOCAL_BASE, "--build-arg", "PG_NET_SOURCE=" + source,
                    "-t", tag, context.toString());
            String installed = DockerCli.run(2, "run", "--rm", "--network", "host", "--entrypoint", "sh", tag, "-c",
                    "find /pgnet -name 'locale_probe.so'");
            assertTrue(installed.contains("locale_probe.so"), "the probe was compiled and installed: " + installed);
        } finally {
            server.stop(0);
            Sh.deleteTree(context);
            try {
                DockerCli.run(1, "image", "rm", "-f", tag);
            } catch (RuntimeException ignored) {
                // not built: nothing to remove
            }
        }
    }

    /** locale_probe/{Makefile,locale_probe.c} as a .tar.gz with one top folder, like a release tarball. */
    private static Path probeTarball(Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("locale_probe"));
        Files.writeString(dir.resolve("Makefile"), MAKEFILE);
        Files.writeString(dir.resolve("locale_probe.c"), PROBE_C);
        Path tarball = tmp.resolve("locale_probe.tar.gz");
        Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", tmp.toString(), "locale_probe")
                .redirectErrorStream(true).start();
        assertEquals(0, Sh.waitFor(tar, 1, TimeUnit.MINUTES), "tar made the probe's tarball");
        return tarball;
    }
}
