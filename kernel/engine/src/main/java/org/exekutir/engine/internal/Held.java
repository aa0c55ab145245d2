package org.exekutir.engine.internal;

import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

/**
 * A service held for the length of one step: got when the step starts, released when it
 * ends, so that a bundle update lets the step finish on the service it started with.
 */
public final class Held<T> implements AutoCloseable {

    private final T service;
    private final Runnable release;

    private Held(T service, Runnable release) {
        this.service = service;
        this.release = release;
    }

    /** @return the held service, or {@code null} when it went away before it could be got */
    public static <T> Held<T> of(ComponentServiceObjects<T> objects) {
        if (leaving(objects.getServiceReference())) {
            return null;
        }
        T service;
        try {
            service = objects.getService();
        } catch (IllegalStateException gone) {
            service = null;
        }
        return service == null ? null : released(service, objects::ungetService);
    }

    /** @return the held service, or {@code null} when it went away before it could be got */
    public static <T> Held<T> of(ServiceObjects<T> objects) {
        if (objects == null || leaving(objects.getServiceReference())) {
            return null;
        }
        T service;
        try {
            service = objects.getService();
        } catch (IllegalStateException gone) {
            service = null;
        }
        return service == null ? null : released(service, objects::ungetService);
    }

    /**
     * A service whose bundle is stopping (being updated, refreshed or removed) is about to be
     * unregistered: asking for it would only make its component return nothing (which the
     * framework reports as an error). It is treated as gone; its successor is waited for.
     */
    private static boolean leaving(ServiceReference<?> reference) {
        Bundle bundle = reference == null ? null : reference.getBundle();
        return bundle == null || bundle.getState() == Bundle.STOPPING;
    }

    /** A service no registry lends (a test fixture's): nothing to release. */
    static <T> Held<T> unmanaged(T service) {
        return new Held<>(service, () -> { });
    }

    private static <T> Held<T> released(T service, java.util.function.Consumer<T> unget) {
        return new Held<>(service, () -> unget.accept(service));
    }

    public T service() {
        return service;
    }

    @Override
    public void close() {
        try {
            release.run();
        } catch (IllegalStateException | IllegalArgumentException gone) {
            // the service was unregistered while held: nothing left to release
        }
    }
}
