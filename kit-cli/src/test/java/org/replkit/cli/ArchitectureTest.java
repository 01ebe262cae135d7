package org.replkit.cli;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The kit's dependency rules, read from the bytecode of every module's main classes (so a fully
 * qualified name in code counts as much as an import). Each module depends one way on the modules
 * below it, and inside a module each package says which of its sibling packages it may use. A new
 * package must be given a layer here: {@link #everyPackageHasALayer()} fails until it is.
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.replkit");

    /** Every package of main code; each is a layer of one of the rules below. */
    static final Set<String> PACKAGES = Set.of(
            "org.replkit.spec",
            "org.replkit.receivers",
            "org.replkit.receivers.http",
            "org.replkit.receivers.record",
            "org.replkit.receivers.store",
            "org.replkit.receivers.status",
            "org.replkit.sender",
            "org.replkit.conformance",
            "org.replkit.conformance.model",
            "org.replkit.conformance.http",
            "org.replkit.conformance.records",
            "org.replkit.conformance.sender",
            "org.replkit.conformance.checks",
            "org.replkit.conformance.checks.support",
            "org.replkit.conformance.run",
            "org.replkit.conformance.report",
            "org.replkit.conformance.fuzz",
            "org.replkit.conformance.junit",
            "org.replkit.conformance.senderverify",
            "org.replkit.load",
            "org.replkit.load.simulations",
            "org.replkit.load.capacity",
            "org.replkit.load.pipeline",
            "org.replkit.load.cliff",
            "org.replkit.chaos",
            "org.replkit.chaos.check",
            "org.replkit.chaos.history",
            "org.replkit.chaos.nemesis",
            "org.replkit.chaos.observe",
            "org.replkit.chaos.proxy",
            "org.replkit.chaos.receiver",
            "org.replkit.chaos.report",
            "org.replkit.chaos.workload",
            "org.replkit.cli",
            // JTE's precompiled templates (jte-maven-plugin), one package per module that renders pages
            "org.replkit.conformance.pages",
            "org.replkit.load.pages",
            "org.replkit.chaos.pages");

    @Test
    void everyPackageHasALayer() {
        TreeSet<String> unplaced = MAIN.stream()
                .map(JavaClass::getPackageName)
                .filter(p -> !PACKAGES.contains(p))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(), unplaced, "packages with no layer in ArchitectureTest.PACKAGES");
    }

    /** The other way round: no listed package is gone, so every rule below still judges real classes. */
    @Test
    void everyListedPackageHasClasses() {
        TreeSet<String> empty = PACKAGES.stream()
                .filter(p -> MAIN.stream().noneMatch(c -> c.getPackageName().equals(p)))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(), empty, "packages in ArchitectureTest.PACKAGES with no main class");
    }

    /** Modules: the spec at the bottom, the commands' entry point at the top. */
    @Test
    void modulesDependOneWay() {
        layeredArchitecture()
                .consideringOnlyDependenciesInAnyPackage("org.replkit..")
                .layer("spec").definedBy("org.replkit.spec..")
                .layer("receivers").definedBy("org.replkit.receivers..")
                .layer("sender").definedBy("org.replkit.sender..")
                .layer("conformance").definedBy("org.replkit.conformance..")
                .layer("load").definedBy("org.replkit.load..")
                .layer("chaos").definedBy("org.replkit.chaos..")
                .layer("cli").definedBy("org.replkit.cli..")
                .whereLayer("spec").mayNotAccessAnyLayer()
                // The sender module serves the status endpoint through the reference receivers' server.
                .whereLayer("receivers").mayOnlyAccessLayers("spec")
                .whereLayer("sender").mayOnlyAccessLayers("spec", "receivers")
                .whereLayer("conformance").mayOnlyAccessLayers("spec", "receivers", "sender")
                .whereLayer("load").mayOnlyAccessLayers("spec", "receivers", "sender")
                .whereLayer("chaos").mayOnlyAccessLayers("spec", "receivers", "sender")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .check(MAIN);
    }

    /**
     * conformance-suite: the model and the HTTP client know nothing of checks, runs or reports; the
     * checks know nothing of the runner or the reports; only the command and the entry points run.
     */
    @Test
    void conformancePackagesDependOneWay() {
        within("org.replkit.conformance..")
                .layer("command").definedBy("org.replkit.conformance")
                .layer("model").definedBy("org.replkit.conformance.model..")
                .layer("http").definedBy("org.replkit.conformance.http..")
                .layer("records").definedBy("org.replkit.conformance.records..")
                .layer("sender").definedBy("org.replkit.conformance.sender..")
                .layer("checkSupport").definedBy("org.replkit.conformance.checks.support..")
                .layer("checks").definedBy("org.replkit.conformance.checks")
                .layer("run").definedBy("org.replkit.conformance.run..")
                .layer("report").definedBy("org.replkit.conformance.report..")
                .layer("fuzz").definedBy("org.replkit.conformance.fuzz..")
                .layer("junit").definedBy("org.replkit.conformance.junit..")
                .layer("senderverify").definedBy("org.replkit.conformance.senderverify..")
                .layer("pages").definedBy("org.replkit.conformance.pages..")
                .whereLayer("model").mayNotAccessAnyLayer()
                .whereLayer("http").mayOnlyAccessLayers("model")
                .whereLayer("records").mayOnlyAccessLayers("model")
                .whereLayer("sender").mayOnlyAccessLayers("model")
                .whereLayer("checkSupport").mayOnlyAccessLayers("model", "http", "records")
                .whereLayer("checks").mayOnlyAccessLayers("model", "http", "records", "checkSupport")
                .whereLayer("run").mayOnlyAccessLayers("model", "http", "checks", "checkSupport")
                .whereLayer("report").mayOnlyAccessLayers("model", "http")
                .whereLayer("fuzz").mayOnlyAccessLayers("model", "http", "records", "checkSupport", "run", "report")
                .whereLayer("senderverify").mayOnlyAccessLayers("model", "run", "report")
                .whereLayer("pages").mayOnlyAccessLayers("report", "fuzz")
                .whereLayer("junit").mayOnlyAccessLayers("model", "run", "report", "senderverify")
                .whereLayer("command").mayOnlyAccessLayers("model", "sender", "run", "report")
                .check(MAIN);
    }

    /** reference-receivers: records know nothing of storage, storage nothing of HTTP. */
    @Test
    void receiverPackagesDependOneWay() {
        within("org.replkit.receivers..")
                .layer("server").definedBy("org.replkit.receivers")
                .layer("http").definedBy("org.replkit.receivers.http..")
                .layer("record").definedBy("org.replkit.receivers.record..")
                .layer("store").definedBy("org.replkit.receivers.store..")
                .layer("status").definedBy("org.replkit.receivers.status..")
                .whereLayer("record").mayNotAccessAnyLayer()
                .whereLayer("store").mayOnlyAccessLayers("record")
                .whereLayer("http").mayOnlyAccessLayers("record", "store")
                .whereLayer("status").mayOnlyAccessLayers("http")
                .whereLayer("server").mayOnlyAccessLayers("http", "store", "record", "status")
                .check(MAIN);
    }

    /**
     * chaos: the history is the shared language; faults, observers and checkers each read or write it
     * and know nothing of each other; only the run wires them together.
     */
    @Test
    void chaosPackagesDependOneWay() {
        within("org.replkit.chaos..")
                .layer("run").definedBy("org.replkit.chaos")
                .layer("history").definedBy("org.replkit.chaos.history..")
                .layer("proxy").definedBy("org.replkit.chaos.proxy..")
                .layer("workload").definedBy("org.replkit.chaos.workload..")
                .layer("nemesis").definedBy("org.replkit.chaos.nemesis..")
                .layer("observe").definedBy("org.replkit.chaos.observe..")
                .layer("receiver").definedBy("org.replkit.chaos.receiver..")
                .layer("check").definedBy("org.replkit.chaos.check..")
                .layer("report").definedBy("org.replkit.chaos.report..")
                .layer("pages").definedBy("org.replkit.chaos.pages..")
                .whereLayer("history").mayNotAccessAnyLayer()
                .whereLayer("proxy").mayNotAccessAnyLayer()
                .whereLayer("receiver").mayNotAccessAnyLayer()
                .whereLayer("workload").mayOnlyAccessLayers("history")
                .whereLayer("check").mayOnlyAccessLayers("history")
                .whereLayer("nemesis").mayOnlyAccessLayers("history", "proxy")
                .whereLayer("observe").mayOnlyAccessLayers("history", "proxy", "workload")
                .whereLayer("report").mayOnlyAccessLayers("history", "check", "pages")
                .whereLayer("pages").mayOnlyAccessLayers("report")
                .whereLayer("run").mayNotBeAccessedByAnyLayer()
                .check(MAIN);
    }

    /**
     * load-tests: the pipeline and capacity measurements sit below the simulations. The command's
     * package names the simulation classes Gatling runs, and the simulations use its feeders and
     * figures: those two depend on each other by design. A page's template reads the record of the
     * package that words it (index: the command's IndexPage, cliff.html: CliffPage.View).
     */
    @Test
    void loadPackagesDependOneWay() {
        within("org.replkit.load..")
                .layer("command").definedBy("org.replkit.load")
                .layer("simulations").definedBy("org.replkit.load.simulations..")
                .layer("capacity").definedBy("org.replkit.load.capacity..")
                .layer("pipeline").definedBy("org.replkit.load.pipeline..")
                .layer("cliff").definedBy("org.replkit.load.cliff..")
                .layer("pages").definedBy("org.replkit.load.pages..")
                .whereLayer("pipeline").mayOnlyAccessLayers("command")
                .whereLayer("capacity").mayOnlyAccessLayers("command", "pipeline")
                .whereLayer("cliff").mayNotAccessAnyLayer()
                .whereLayer("simulations").mayOnlyAccessLayers("command", "capacity", "pipeline", "cliff")
                .whereLayer("pages").mayOnlyAccessLayers("command", "cliff")
                .whereLayer("command").mayOnlyAccessLayers("simulations", "cliff", "pages")
                .check(MAIN);
    }

    private static LayeredArchitecture within(String packages) {
        return layeredArchitecture().consideringOnlyDependenciesInAnyPackage(packages);
    }
}
