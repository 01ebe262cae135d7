package org.replkit.conformance.checks.support;

import java.net.http.HttpClient;
import java.time.Duration;
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
public record Session(Targets targets, RunSettings settings, SchemaValidator validator, HttpClient client, RunGuard guard,
                      Redactor redactor) {

    public Session(Targets targets, RunSettings settings) {
        this(targets, settings, new SchemaValidator(), Http.newClient(), new RunGuard(settings.deliveryTimeout(), settings.maxDuration()),
                new Redactor(targets.token(), targets.adminToken()));
    }

    /**
     * The client one check uses against one endpoint.
     *
     * @param judgesLateness true for the timeliness checks, which judge late answers themselves; for
     *                       every other check a late answer ends the check as cantTell
     */
    public Http http(EndpointKind kind, ExchangeLog log, boolean judgesLateness) {
        // The timeliness checks wait just past the sender's timeout; the others wait longer, so that
        // a stall of the machine costs time, not a verdict.
        Duration wait = judgesLateness ? settings.clientTimeout() : settings.patientTimeout();
        return new Http(client, log, wait, guard.gate(kind, judgesLateness), redactor);
    }
}
