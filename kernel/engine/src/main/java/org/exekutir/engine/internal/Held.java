package org.exekutir.engine.internal;

import org.osgi.service.component.ComponentServiceObjects;

/**
 * A service held for the length of one step: got when the step starts, released when it
 * ends, so that a bundle update lets the step finish on the service it started with.
 */
public final class Held<T> implements AutoCloseable {

    private final ComponentServiceObjects<T> objects;
    private final T service;

    private Held(ComponentServiceObjects<T> objects, T service) {
        this.objects = objects;
        this.service = service;
    }

    /** @return the held service, or {@code null} when it went away before it could be got */
    public static <T> Held<T> of(ComponentServiceObjects<T> objects) {
        T service;
        try {
            service = objects.getService();
        } catch (IllegalStateException gone) {
            service = null;
        }
        return service == null ? null : new Held<>(objects, service);
    }

    public T service() {
        return service;
    }

    @Override
    public void close() {
        try {
            objects.ungetService(service);
        } catch (IllegalStateException gone) {
            // the service was unregistered while held: nothing left to release
        }
    }
}
