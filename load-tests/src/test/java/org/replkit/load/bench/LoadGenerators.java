package org.replkit.load.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The benchmark's external load generators, wrk and pgbench, run as processes and read back. */
final class LoadGenerators {

    private static final Pattern TPS = Pattern.compile("^tps = ([0-9.]+) \\(without initial connection time\\)", Pattern.MULTILINE);

    private LoadGenerators() {
    }

    /** One measurement: throughput, latency percentiles, and answers that were not 2xx or never came. */
    record Figures(double perSecond, double p50Ms, double p99Ms, long failed) {}

    /** Checks that a tool is installed; the message says how to get it. */
    static void require(String tool, String debianPackage) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).redirectErrorStream(true).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(tool + " is not installed: apt-get install -y " + debianPackage);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** wrk against {@code url} with the unique-patterns script; {@code run} keeps every id of the run distinct. */
    static Figures wrk(String url, int threads, int connections, int seconds, int run, Path script, Path template) {
        String out = run(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "-s", script.toString(), url, "--", Integer.toString(run), template.toString()), seconds + 60);
        String line = out.lines().filter(l -> l.startsWith("BENCH ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("wrk printed no figures:\n" + out));
        Map<String, Long> f = new HashMap<>();
        for (String pair : line.substring(6).trim().split(" ")) {
            String[] kv = pair.split("=");
            f.put(kv[0], Long.parseLong(kv[1]));
        }
        return new Figures(f.get("requests") / (f.get("duration_us") / 1e6), f.get("p50_us") / 1000.0, f.get("p99_us") / 1000.0,
                f.get("status_errors") + f.get("socket_errors"));
    }

    /** pgbench with a custom script; percentiles from its per-transaction log. */
    static Figures pgbench(String host, int port, String user, String database, int clients, int threads, int seconds,
                           Path script, Path logDir) {
        try {
            Files.createDirectories(logDir);
            String prefix = logDir.resolve("pgbench").toString();
            String out = run(List.of("pgbench", "-h", host, "-p", Integer.toString(port), "-U", user, "-n", "-M", "prepared",
                    "-c", Integer.toString(clients), "-j", Integer.toString(threads), "-T", Integer.toString(seconds),
                    "-f", script.toString(), "-l", "--log-prefix=" + prefix, database), seconds + 60);
            Matcher tps = TPS.matcher(out);
            if (!tps.find()) {
                throw new IllegalStateException("pgbench printed no tps:\n" + out);
            }
            long failed = out.lines().filter(l -> l.startsWith("number of failed transactions:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D*(\\d+).*", "$1"))).findFirst().orElse(0);
            List<Long> latenciesUs = new ArrayList<>();
            try (Stream<Path> logs = Files.list(logDir)) {
                for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("pgbench.")).toList()) {
                    for (String l : Files.readAllLines(log)) {
                        latenciesUs.add(Long.parseLong(l.split(" ")[2]));
                    }
                    Files.delete(log);
                }
            }
            latenciesUs.sort(null);
            return new Figures(Double.parseDouble(tps.group(1)), percentile(latenciesUs, 50) / 1000.0,
                    percentile(latenciesUs, 99) / 1000.0, failed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String run(List<String> command, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
            }
            String out = new String(output, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
