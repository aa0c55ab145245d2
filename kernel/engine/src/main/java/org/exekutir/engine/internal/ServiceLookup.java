package org.exekutir.engine.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.exekutir.api.ExekutirName;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;

/**
 * Finds a service of any contract by its {@link ExekutirName} (of several, the best by
 * {@link NamedServices}' one rule), waiting a bounded time for one to be registered when
 * there is none.
 *
 * <p>The wait is woken by the registration itself (a service listener on exactly that
 * contract and name), so a step resumes as soon as a swapped provider is back, not at the
 * next tick of a clock. Any contract can be asked for, which Declarative Services
 * references (fixed at build time) cannot express; hence the listener.
 */
public final class ServiceLookup implements Transition.Services {

    private final BundleContext context;
    private final ServiceWait wait;

    public ServiceLookup(BundleContext context, ServiceWait wait) {
        this.context = context;
        this.wait = wait;
    }

    @Override
    public ServiceWait serviceWait() {
        return wait;
    }

    /**
     * @return the best service registered now or within the configured wait, got and held;
     *         empty when none appeared in time
     */
    @Override
    public <T> Optional<Held<T>> hold(Class<T> contract, String name) throws InterruptedException {
        Optional<Held<T>> now = holdNow(contract, name);
        if (now.isPresent() || wait.duration().isZero()) {
            return now;
        }
        Arrival arrival = new Arrival();
        try {
            context.addServiceListener(arrival, filter(contract, name));
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalArgumentException("bad service name " + name, impossible);
        }
        try {
            long deadline = System.nanoTime() + wait.duration().toNanos();
            while (true) {
                // looked up again after the listener is in place, so no registration is missed
                now = holdNow(contract, name);
                long left = deadline - System.nanoTime();
                if (now.isPresent() || left <= 0) {
                    return now;
                }
                arrival.await(left);
            }
        } finally {
            context.removeServiceListener(arrival);
        }
    }

    /** @return the best service registered now that can still be got; empty when there is none */
    public <T> Optional<Held<T>> holdNow(Class<T> contract, String name) {
        Collection<ServiceReference<T>> found;
        try {
            found = context.getServiceReferences(contract, "(" + ExekutirName.PROPERTY + "=" + escape(name) + ")");
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalArgumentException("bad service name " + name, impossible);
        }
        List<ServiceReference<T>> best = new ArrayList<>(found);
        best.sort(NamedServices.BEST_FIRST);
        for (ServiceReference<T> reference : best) {
            // one that is being unregistered cannot be got: take the next
            Held<T> held = Held.of(context.getServiceObjects(reference));
            if (held != null) {
                return Optional.of(held);
            }
        }
        return Optional.empty();
    }

    @Override
    public SortedSet<String> names(Class<?> contract) {
        SortedSet<String> names = new TreeSet<>();
        try {
            for (ServiceReference<?> reference : context.getServiceReferences(contract, "(" + ExekutirName.PROPERTY
                    + "=*)")) {
                names.add(String.valueOf(reference.getProperty(ExekutirName.PROPERTY)));
            }
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
        return names;
    }

    private static String filter(Class<?> contract, String name) {
        return "(&(" + Constants.OBJECTCLASS + "=" + contract.getName() + ")(" + ExekutirName.PROPERTY + "="
                + escape(name) + "))";
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

    /** Wakes the waiting step when a matching service is registered (or gets the name). */
    private static final class Arrival implements ServiceListener {
        private final Semaphore signal = new Semaphore(0);

        @Override
        public void serviceChanged(ServiceEvent event) {
            if (event.getType() == ServiceEvent.REGISTERED || event.getType() == ServiceEvent.MODIFIED) {
                signal.release();
            }
        }

        void await(long nanos) throws InterruptedException {
            if (signal.tryAcquire(nanos, TimeUnit.NANOSECONDS)) {
                signal.drainPermits();
            }
        }
    }
}
