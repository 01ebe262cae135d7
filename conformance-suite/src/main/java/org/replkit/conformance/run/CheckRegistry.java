package org.replkit.conformance.run;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.replkit.conformance.checks.CheckClasses;
import org.replkit.conformance.checks.support.RequirementCheck;

/** The checks kit verify has, found by their {@link RequirementCheck} annotation: one per requirement. */
public final class CheckRegistry {

    private static final CheckRegistry ALL = new CheckRegistry(CheckClasses.ALL);

    private final Map<String, Check> byRequirement = new LinkedHashMap<>();

    CheckRegistry(List<Class<?>> classes) {
        for (Class<?> c : classes) {
            for (Method m : c.getDeclaredMethods()) {
                RequirementCheck rc = m.getAnnotation(RequirementCheck.class);
                if (rc == null) {
                    continue;
                }
                if (byRequirement.putIfAbsent(rc.id(), new Check(rc, m)) != null) {
                    throw new IllegalStateException("two checks for " + rc.id() + ": one behaviour, one requirement, one check");
                }
            }
        }
    }

    public static CheckRegistry all() {
        return ALL;
    }

    public Optional<Check> forRequirement(String id) {
        return Optional.ofNullable(byRequirement.get(id));
    }

    public List<Check> checks() {
        return List.copyOf(byRequirement.values());
    }

    /** One check method, called with a ReceiverUnderTest or a StatusEndpoint. */
    public record Check(RequirementCheck annotation, Method method) {

        public String name() {
            return method.getDeclaringClass().getSimpleName() + "." + method.getName();
        }

        public Class<?> parameterType() {
            return method.getParameterTypes()[0];
        }

        /** Calls the check on a fresh instance of its class; the check's own exception comes out unwrapped. */
        void invoke(Object parameter) throws Throwable {
            try {
                var constructor = method.getDeclaringClass().getDeclaredConstructor();
                constructor.setAccessible(true);
                Object instance = constructor.newInstance();
                method.setAccessible(true);
                method.invoke(instance, parameter);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
