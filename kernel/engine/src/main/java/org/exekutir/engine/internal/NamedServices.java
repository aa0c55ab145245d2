package org.exekutir.engine.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.exekutir.api.ExekutirName;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * The one rule by which the engine picks a service by its {@link ExekutirName}, for step
 * types (from the engine's reference) and for every contract a step fetches through
 * {@code StepContext.use} ({@link ServiceLookup}) alike: of several with one name, the
 * highest {@code service.ranking} wins, then the oldest ({@link ServiceReference#compareTo},
 * OSGi's own order).
 */
public final class NamedServices {

    /** Best first: the order in which services of one name are tried. */
    static final Comparator<ServiceReference<?>> BEST_FIRST = NamedServices::compareBestFirst;

    private NamedServices() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareBestFirst(ServiceReference<?> a, ServiceReference<?> b) {
        return ((ServiceReference) b).compareTo(a);
    }

    public static <T> Optional<ComponentServiceObjects<T>> best(Collection<ComponentServiceObjects<T>> services,
            String name) {
        ComponentServiceObjects<T> best = null;
        for (ComponentServiceObjects<T> candidate : services) {
            ServiceReference<T> reference = candidate.getServiceReference();
            if (name.equals(nameOf(reference))
                    && (best == null || BEST_FIRST.compare(reference, best.getServiceReference()) < 0)) {
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
