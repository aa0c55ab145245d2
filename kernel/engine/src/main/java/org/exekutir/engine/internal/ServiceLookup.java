package org.exekutir.engine.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

import org.exekutir.api.ExekutirName;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Finds a service of any contract by its {@link ExekutirName} for
 * {@link org.exekutir.api.step.StepContext#use}: of several, the highest ranking wins.
 */
public final class ServiceLookup {

    private final BundleContext context;

    public ServiceLookup(BundleContext context) {
        this.context = context;
    }

    /** @return the best service now registered, got and held; empty when there is none */
    public <T> Optional<Held<T>> hold(Class<T> contract, String name) {
        Collection<ServiceReference<T>> references;
        try {
            references = context.getServiceReferences(contract, "(" + ExekutirName.PROPERTY + "=" + escape(name) + ")");
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalArgumentException("bad service name " + name, impossible);
        }
        return references.stream().max(Comparator.naturalOrder())
                .map(reference -> Held.of(context.getServiceObjects(reference)));
    }

    /** Escapes the characters an LDAP filter value may not hold as they are. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
