package org.replkit.conformance.checks.support;

import java.net.http.HttpClient;
import org.replkit.conformance.http.ExchangeLog;
import org.replkit.conformance.http.Http;
import org.replkit.conformance.http.Redactor;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.RunSettings;
import org.replkit.conformance.model.Targets;
import org.replkit.spec.SchemaValidator;

/**
 * What the checks of one run share: the targets, the settings, one schema validator, one HTTP client,
 * the guard that stops late or overlong work, and the redactor that keeps secrets out of evidence.
 */
public final class Session implements AutoCloseable {

    private final Targets targets;
    private final RunSettings settings;
    private final SchemaValidator validator = new SchemaValidator();
    private final HttpClient client = Http.newClient();
    private final RunGuard guard;
    private final Redactor redactor;

    public Session(Targets targets, RunSettings settings) {
        this.targets = targets;
        this.settings = settings;
        this.guard = new RunGuard(settings.deliveryTimeout(), settings.maxDuration());
        this.redactor = new Redactor(targets.token(), targets.adminToken());
    }

    public Targets targets() {
        return targets;
    }

    public RunSettings settings() {
        return settings;
    }

    public SchemaValidator validator() {
        return validator;
    }

    public RunGuard guard() {
        return guard;
    }

    public Redactor redactor() {
        return redactor;
    }

    /**
     * The client one check uses against one endpoint.
     *
     * @param judgesLateness true for the timeliness checks, which judge late answers themselves; for
     *                       every other check a late answer ends the check as cantTell
     */
    public Http http(EndpointKind kind, ExchangeLog log, boolean judgesLateness) {
        return new Http(client, log, settings.clientTimeout(), guard.gate(kind, judgesLateness), redactor);
    }

    @Override
    public void close() {
        // The JDK client of Java 17 has no close(); its threads end when it is no longer referenced.
    }
}
