package org.exekutir.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Lists, installs, updates and removes bundles of the running framework. A bundle whose
 * requirements do not resolve is refused (installed, found unresolvable, uninstalled
 * again); an update or removal refreshes only the changed bundle and what depends on it.
 */
final class BundleOperations {

    private static final long REFRESH_WAIT_SECONDS = 60;
    /** Felix names what is missing after "missing requirement [bundle] ". */
    private static final Pattern MISSING = Pattern.compile("missing requirement \\[[^\\]]*\\] (.*?)(?: Unresolved requirements:.*)?$",
            Pattern.DOTALL);

    private final BundleContext context;
    /** Bundles the deploy folder manages: removed by deleting their file, not by command. */
    private final String deployFolder;

    BundleOperations(BundleContext context, Path deployFolder) {
        this.context = context;
        this.deployFolder = deployFolder == null ? null : deployFolder.toUri().normalize().getPath();
    }

    /** One line per bundle: id, state, symbolic name, version. */
    String list() {
        Table table = new Table();
        for (Bundle bundle : context.getBundles()) {
            table.row(bundle.getBundleId(), state(bundle), bundle.getSymbolicName(), bundle.getVersion());
        }
        return table.toString();
    }

    static String state(Bundle bundle) {
        return switch (bundle.getState()) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

    /**
     * Installs and starts a bundle from a file or URL.
     *
     * @throws BundleException when it cannot be installed, or is refused; the message says why
     */
    String install(String source) throws BundleException {
        String location = location(source);
        refuseABrokenFile(source, location);
        if (context.getBundle(location) != null) {
            Bundle existing = context.getBundle(location);
            throw new BundleException("already installed from " + source + " as bundle " + existing.getBundleId()
                    + " (" + existing.getSymbolicName() + " " + existing.getVersion() + "); use update");
        }
        Bundle bundle = context.installBundle(location);
        String name = bundle.getSymbolicName() + " " + bundle.getVersion();
        try {
            if (isFragment(bundle)) {
                if (!wiring().resolveBundles(List.of(bundle))) {
                    throw new BundleException("its host is not installed or does not resolve");
                }
            } else {
                bundle.start();
            }
        } catch (BundleException e) {
            uninstall(bundle);
            throw new BundleException("refused " + name + " from " + source + ": " + reason(e), e);
        }
        return "installed " + name + " as bundle " + bundle.getBundleId() + ", " + state(bundle) + "\n";
    }

    /** Updates a bundle (from a new file or URL, or from where it came) and refreshes what depends on it. */
    String update(String target, String source) throws BundleException {
        Bundle bundle = find(target);
        protect(bundle, "update");
        String before = bundle.getVersion().toString();
        try {
            if (source == null) {
                bundle.update();
            } else {
                refuseABrokenFile(source, location(source));
                try (InputStream in = new URL(location(source)).openStream()) {
                    bundle.update(in);
                }
            }
        } catch (IOException e) {
            throw new BundleException("cannot read " + source + ": " + e.getMessage(), e);
        }
        List<String> touched = refresh(bundle);
        String name = bundle.getSymbolicName() + " " + before + " -> " + bundle.getVersion();
        if (bundle.getState() == Bundle.INSTALLED && !isFragment(bundle)) {
            throw new BundleException("updated " + name + ", but it does not resolve now: " + unresolved(bundle));
        }
        return "updated " + name + " (bundle " + bundle.getBundleId() + ", " + state(bundle) + "); refreshed "
                + String.join(", ", touched) + "\n";
    }

    /** Uninstalls a bundle and refreshes what depended on it. */
    String remove(String target) throws BundleException {
        Bundle bundle = find(target);
        protect(bundle, "remove");
        if (inDeployFolder(bundle)) {
            throw new BundleException("bundle " + bundle.getBundleId() + " comes from the deploy folder ("
                    + bundle.getLocation() + "); delete the file there to remove it");
        }
        String name = bundle.getSymbolicName() + " " + bundle.getVersion();
        bundle.uninstall();
        List<String> touched = refresh(bundle);
        return "removed " + name + " (bundle " + bundle.getBundleId() + "); refreshed " + String.join(", ", touched)
                + "\n";
    }

    /** A bundle by id, or by symbolic name when only one version of it is installed. */
    Bundle find(String target) throws BundleException {
        if (target.matches("\\d+")) {
            Bundle bundle = context.getBundle(Long.parseLong(target));
            if (bundle == null) {
                throw new BundleException("no bundle with id " + target);
            }
            return bundle;
        }
        List<Bundle> named = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (target.equals(bundle.getSymbolicName())) {
                named.add(bundle);
            }
        }
        if (named.isEmpty()) {
            throw new BundleException("no bundle named " + target);
        }
        if (named.size() > 1) {
            throw new BundleException(named.size() + " bundles are named " + target + " (ids "
                    + named.stream().map(b -> String.valueOf(b.getBundleId())).toList() + "); give the id");
        }
        return named.get(0);
    }

    /**
     * Refreshes the bundle alone (the framework adds what is wired to it) and waits for it.
     *
     * @return the symbolic names of every bundle the refresh touched
     */
    private List<String> refresh(Bundle bundle) throws BundleException {
        Collection<Bundle> closure = wiring().getDependencyClosure(List.of(bundle));
        CountDownLatch done = new CountDownLatch(1);
        wiring().refreshBundles(List.of(bundle), event -> done.countDown());
        try {
            if (!done.await(REFRESH_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new BundleException("the refresh did not end within " + REFRESH_WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BundleException("interrupted while refreshing");
        }
        return closure.stream().map(b -> b.getSymbolicName() + " [" + b.getBundleId() + "]").sorted().toList();
    }

    private void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
            refresh(bundle);
        } catch (BundleException | IllegalStateException e) {
            // already gone
        }
    }

    /** The console's own bundle and the framework cannot be swapped from the console. */
    private void protect(Bundle bundle, String operation) throws BundleException {
        if (bundle.getBundleId() == 0 || bundle.equals(context.getBundle())) {
            throw new BundleException("cannot " + operation + " " + bundle.getSymbolicName()
                    + ": the console runs in it; stop the daemon instead");
        }
    }

    private boolean inDeployFolder(Bundle bundle) {
        String location = bundle.getLocation();
        if (deployFolder == null || !location.startsWith("file:")) {
            return false;
        }
        return URI.create(location).normalize().getPath().startsWith(deployFolder);
    }

    private String unresolved(Bundle bundle) {
        try {
            bundle.start(Bundle.START_TRANSIENT);
            return "(it has started since)";
        } catch (BundleException e) {
            return reason(e);
        }
    }

    /** What the resolver could not find, named as it names it; else the whole message. */
    static String reason(BundleException e) {
        String message = String.valueOf(e.getMessage());
        Matcher missing = MISSING.matcher(message);
        return missing.find() ? "missing requirement " + missing.group(1).strip() : message;
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }

    /** A file that cannot be a bundle is refused with the reason (the framework would say only "Unable to cache"). */
    private static void refuseABrokenFile(String source, String location) throws BundleException {
        if (location.startsWith("file:")) {
            Optional<String> problem = JarCheck.problem(Path.of(URI.create(location)));
            if (problem.isPresent()) {
                throw new BundleException("refused " + source + ": it " + problem.get());
            }
        }
    }

    /** A URL as given, or the file: URL of a path. */
    static String location(String source) {
        if (source.toLowerCase(Locale.ROOT).matches("[a-z][a-z0-9+.-]+:.*")) {
            return source;
        }
        return Path.of(source).toAbsolutePath().normalize().toUri().toString();
    }
}
