package org.exekutir.console.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Whether a bundle serves after an update: resolved, started (when it was before), and every
 * service it registers obtainable.
 */
final class Serving {

    private Serving() {
    }

    /**
     * Why the bundle does not serve, if it does not. A service that cannot be obtained is a
     * component that failed to activate (SCR activates a delayed component on first use; it
     * is kept afterwards, so asking costs nothing later).
     */
    static Optional<String> problem(BundleContext context, Bundle bundle, boolean active) {
        if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
            return Optional.empty();
        }
        if (!active) {
            // an operator stopped it: it must resolve, not start
            FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
            return wiring.resolveBundles(List.of(bundle)) ? Optional.empty() : Optional.of("it does not resolve");
        }
        if (bundle.getState() != Bundle.ACTIVE) {
            try {
                bundle.start(Bundle.START_TRANSIENT);
            } catch (BundleException e) {
                return Optional.of(BundleOperations.reason(e));
            } catch (IllegalStateException gone) {
                return Optional.of("it was uninstalled meanwhile");
            }
        }
        ServiceReference<?>[] registered = bundle.getRegisteredServices();
        for (ServiceReference<?> reference : registered == null ? new ServiceReference<?>[0] : registered) {
            Object service = context.getService(reference);
            if (service == null) {
                Object name = reference.getProperty("component.name");
                return Optional.of("its component " + (name == null ? reference : name) + " failed to activate");
            }
            context.ungetService(reference);
        }
        return Optional.empty();
    }
}
