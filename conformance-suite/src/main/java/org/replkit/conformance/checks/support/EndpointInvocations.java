package org.replkit.conformance.checks.support;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.replkit.conformance.http.ExchangeLog;
import org.replkit.conformance.http.Http;
import org.replkit.conformance.model.EndpointKind;
import org.replkit.conformance.model.Targets;
import org.replkit.conformance.run.RunContext;
import org.replkit.spec.Requirement;
import org.replkit.spec.RequirementCatalogue;

/** Runs a {@link RequirementCheck} once per endpoint of its requirement. */
public final class EndpointInvocations implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(RequirementCheck.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        RequirementCheck check = method.getAnnotation(RequirementCheck.class);
        Requirement requirement = RequirementCatalogue.get().byId(check.id());
        RunContext run = RunContext.of(context);
        String name = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        return requirement.endpoints().stream()
                .map(EndpointKind::byKey)
                .flatMap(Optional::stream)
                .map(kind -> new Invocation(run, requirement, kind, name, check.title()));
    }

    private static final class Invocation implements TestTemplateInvocationContext, ExecutionCondition,
            ParameterResolver {

        private final RunContext run;
        private final Requirement requirement;
        private final EndpointKind kind;
        private final String check;
        private final String title;
        private final ExchangeLog log = new ExchangeLog();

        Invocation(RunContext run, Requirement requirement, EndpointKind kind, String check, String title) {
            this.run = run;
            this.requirement = requirement;
            this.kind = kind;
            this.check = check;
            this.title = title;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return requirement.id() + " [" + kind.key() + "] " + title;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(this);
        }

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            run.register(context.getUniqueId(), new RunContext.Invocation(requirement, kind, check, title, log));
            return missing().map(ConditionEvaluationResult::disabled)
                    .orElseGet(() -> ConditionEvaluationResult.enabled("targets given"));
        }

        /** Why this invocation cannot run, if it cannot. */
        private Optional<String> missing() {
            Targets t = run.targets();
            if (!run.settings().selected(requirement.id())) {
                return Optional.of("not selected for this run");
            }
            if (t.url(kind).isEmpty()) {
                return Optional.of("not checked: no " + kind.option() + " given");
            }
            for (String need : requirement.needs()) {
                switch (need) {
                    case "token" -> {
                        if (t.token() == null) {
                            return Optional.of("needs the receiver's bearer token (--token)");
                        }
                    }
                    case "admin-token" -> {
                        if (t.adminToken() == null) {
                            return Optional.of("needs the status endpoint's admin token (--admin-token)");
                        }
                    }
                    case "sender-db" -> {
                        if (t.senderLink().isEmpty()) {
                            return Optional.of("needs a sender database (pg-image) to drive trigger, pg_cron and pg_net");
                        }
                    }
                    default -> {
                        return Optional.of("needs " + need + ", which kit verify cannot provide");
                    }
                }
            }
            return Optional.empty();
        }

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            Class<?> type = p.getParameter().getType();
            return type == Receiver.class || type == StatusEndpoint.class || type == Target.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            Target target = new Target(kind, run.targets().url(kind).orElseThrow(), run,
                    new Http(log, run.settings().clientTimeout()));
            Class<?> type = p.getParameter().getType();
            if (type == Receiver.class) {
                return new Receiver(target);
            }
            if (type == StatusEndpoint.class) {
                return new StatusEndpoint(target);
            }
            return target;
        }
    }
}
