package org.exekutir.console.internal;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.FrameworkWiring;

/** A refresh of one bundle, waited for. */
final class Refresh {

    private static final long WAIT_SECONDS = 60;

    private Refresh() {
    }

    /**
     * Refreshes the bundle alone (the framework adds what is wired to it) and waits for it.
     *
     * @return the symbolic names of every bundle the refresh touched
     */
    static List<String> andWait(FrameworkWiring wiring, Bundle bundle) throws BundleException {
        return andWait(wiring, List.of(bundle));
    }

    /** Refreshes the bundles (and what is wired to them) and waits for it. */
    static List<String> andWait(FrameworkWiring wiring, Collection<Bundle> bundles) throws BundleException {
        Collection<Bundle> closure = wiring.getDependencyClosure(bundles);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(bundles, event -> done.countDown());
        try {
            if (!done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new BundleException("the refresh did not end within " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while refreshing");
        }
        return closure.stream().map(b -> b.getSymbolicName() + " [" + b.getBundleId() + "]").sorted().toList();
    }
}
