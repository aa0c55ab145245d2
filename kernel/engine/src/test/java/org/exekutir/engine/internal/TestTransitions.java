package org.exekutir.engine.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import org.exekutir.launch.TransitionRequest;

/**
 * The engine's own step context for the unit tests of bundles whose steps run in it (a
 * fixture of the engine's test jar): a {@link Transition} exactly as the engine makes it for
 * a request — its environments, substitution, path resolution, secret mask and console —
 * whose services come from a map instead of the framework's registry.
 */
public final class TestTransitions {

    private TestTransitions() {
    }

    /**
     * @param services by {@code contract.getName() + "/" + name}; read at each
     *                 {@link Transition#use}, so services may be added later
     */
    public static Transition of(TransitionRequest request, Map<String, Object> services) {
        return new Transition(request, request.file(), new Transition.Services() {
            @Override
            public <T> Optional<Held<T>> hold(Class<T> contract, String name) {
                Object service = services.get(contract.getName() + "/" + name);
                return service == null ? Optional.empty() : Optional.of(Held.unmanaged(contract.cast(service)));
            }

            @Override
            public ServiceWait serviceWait() {
                return new ServiceWait(Duration.ZERO);
            }

            @Override
            public SortedSet<String> names(Class<?> contract) {
                SortedSet<String> names = new TreeSet<>();
                String prefix = contract.getName() + "/";
                services.keySet().stream().filter(key -> key.startsWith(prefix))
                        .forEach(key -> names.add(key.substring(prefix.length())));
                return names;
            }
        });
    }
}
