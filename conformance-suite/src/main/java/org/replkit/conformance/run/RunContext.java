package org.replkit.conformance.run;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.replkit.conformance.http.ExchangeLog;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Targets;
import org.replkit.spec.Requirement;
import org.replkit.spec.SchemaValidator;

/**
 * What the checks of one run share: the targets, the settings, one schema validator, and the
 * invocations started so far (so the verdict listener knows which requirement and endpoint each
 * JUnit test stands for). Handed to the engine through the launcher session's store.
 */
public final class RunContext {

    static final String NAMESPACE = "org.replkit.conformance";
    static final String KEY = "run-context";

    private final Targets targets;
    private final RunSettings settings;
    private final SchemaValidator validator = new SchemaValidator();
    private final Map<String, Invocation> invocations = new ConcurrentHashMap<>();

    public RunContext(Targets targets, RunSettings settings) {
        this.targets = targets;
        this.settings = settings;
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

    /** The run's context, from inside a check's extension. */
    public static RunContext of(ExtensionContext context) {
        RunContext ctx = context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION,
                ExtensionContext.Namespace.create(NAMESPACE)).get(KEY, RunContext.class);
        if (ctx == null) {
            throw new IllegalStateException("the conformance checks run only through kit verify (ConformanceRunner)");
        }
        return ctx;
    }

    public void register(String uniqueId, Invocation invocation) {
        invocations.put(uniqueId, invocation);
    }

    public Optional<Invocation> invocation(String uniqueId) {
        return Optional.ofNullable(invocations.get(uniqueId));
    }

    /** One run of one check against one endpoint. */
    public record Invocation(Requirement requirement, EndpointKind endpoint, String check, String title,
                             ExchangeLog log) {}
}
