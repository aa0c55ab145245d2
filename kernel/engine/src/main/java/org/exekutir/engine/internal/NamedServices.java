package org.exekutir.engine.internal;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.exekutir.api.ExekutirName;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * Picks services of one contract by their {@link ExekutirName}: of several with one
 * name, the highest {@code service.ranking} wins (then the oldest, as OSGi orders them).
 */
public final class NamedServices {

    private NamedServices() {
    }

    public static <T> Optional<ComponentServiceObjects<T>> best(Collection<ComponentServiceObjects<T>> services,
            String name) {
        ComponentServiceObjects<T> best = null;
        for (ComponentServiceObjects<T> candidate : services) {
            ServiceReference<T> reference = candidate.getServiceReference();
            if (name.equals(nameOf(reference)) && (best == null || reference.compareTo(best.getServiceReference()) > 0)) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    public static <T> Set<String> names(Collection<ComponentServiceObjects<T>> services) {
        Set<String> names = new TreeSet<>();
        for (ComponentServiceObjects<T> service : services) {
            String name = nameOf(service.getServiceReference());
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }

    private static String nameOf(ServiceReference<?> reference) {
        Object name = reference == null ? null : reference.getProperty(ExekutirName.PROPERTY);
        return name == null ? null : Objects.toString(name);
    }
}
