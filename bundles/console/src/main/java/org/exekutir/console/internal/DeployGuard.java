package org.exekutir.console.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Keeps the previous version of a deploy-folder bundle serving when a replaced jar does not.
 * FileInstall updates a bundle when its file changes, and leaves it {@code INSTALLED} when the
 * new version does not resolve. This guard keeps the content of each deploy-folder bundle as it
 * was when it last started (read from the framework then: once updated, Felix reads even an
 * old revision's entries from the new content), waits after an update for FileInstall's
 * refresh and start, and when the new version does not serve (not resolved, not started, or a
 * component failing to activate) puts the last one that served back and starts again what was
 * wired to it, saying so on the daemon's standard error. The file stays as it is: the next
 * good jar dropped in updates the bundle as usual.
 */
@Component(immediate = true)
public class DeployGuard implements SynchronousBundleListener {

    /** How long FileInstall may take to refresh and start an updated bundle. */
    private static final long SETTLE_MILLIS = 10_000;
    private static final long POLL_MILLIS = 50;

    private BundleContext context;
    private DeployFolder folder;
    /** By bundle id: the content each deploy-folder bundle had when it last started. */
    private final Map<Long, RevisionSnapshot> lastStarted = new ConcurrentHashMap<>();
    private final ExecutorService checks = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "exekutir-deploy-guard");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        this.folder = DeployFolder.of(context).orElse(null);
        if (folder != null) {
            context.addBundleListener(this);
            for (Bundle bundle : context.getBundles()) {
                if (bundle.getState() == Bundle.ACTIVE && folder.holds(bundle)) {
                    remember(bundle);
                }
            }
        }
    }

    @Deactivate
    void deactivate() {
        if (folder != null) {
            context.removeBundleListener(this);
        }
        checks.shutdownNow();
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (!folder.holds(bundle)) {
            return;
        }
        switch (event.getType()) {
            case BundleEvent.STARTED -> remember(bundle);
            case BundleEvent.UNINSTALLED -> lastStarted.remove(bundle.getBundleId());
            case BundleEvent.UPDATED -> guard(bundle);
            default -> {
                // nothing to keep or check
            }
        }
    }

    private void remember(Bundle bundle) {
        RevisionSnapshot.current(bundle).ifPresent(snapshot -> lastStarted.put(bundle.getBundleId(), snapshot));
    }

    private void guard(Bundle bundle) {
        RevisionSnapshot previous = lastStarted.get(bundle.getBundleId());
        if (previous == null) {
            return; // it never served: nothing better to go back to
        }
        // what is wired to it still is, until FileInstall's refresh
        List<Bundle> activeDependents = RevisionSnapshot.activeDependents(wiring(), bundle);
        String version = bundle.getVersion().toString();
        checks.execute(() -> check(bundle, version, previous, activeDependents));
    }

    private void check(Bundle bundle, String version, RevisionSnapshot previous, List<Bundle> activeDependents) {
        try {
            long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
            while (bundle.getState() != Bundle.ACTIVE && System.currentTimeMillis() < deadline) {
                Thread.sleep(POLL_MILLIS);
            }
            if (bundle.getState() == Bundle.UNINSTALLED) {
                return;
            }
            Optional<String> problem = Serving.problem(context, bundle, true);
            if (problem.isPresent()) {
                report(bundle.getSymbolicName() + " " + version + " from " + bundle.getLocation() + " does not serve: "
                        + problem.get() + "; " + previous.rollBack(wiring(), activeDependents));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }

    private static void report(String text) {
        System.err.println("exekutir: deploy: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + text);
    }
}
