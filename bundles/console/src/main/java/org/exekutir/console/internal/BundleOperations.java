package org.exekutir.console.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Lists, installs, updates and removes bundles of the running framework. A bundle whose
 * requirements do not resolve is refused (installed, found unresolvable, uninstalled
 * again); an update that does not serve is rolled back; an update or removal refreshes
 * only the changed bundle and what depends on it.
 */
final class BundleOperations {

    /** Felix names what is missing after "missing requirement [name [id](R id.rev)] ". */
    private static final Pattern MISSING = Pattern.compile(
            "missing requirement \\[(?:[^\\[\\]]|\\[[^\\]]*\\])*\\] (.*?)(?: Unresolved requirements:.*)?$", Pattern.DOTALL);

    private final BundleContext context;
    /** Bundles the deploy folder manages: removed by deleting their file, not by command. */
    private final Optional<DeployFolder> deployFolder;
    /** Where {@code install GROUP:ARTIFACT:VERSION} fetches from: conf/maven.properties. */
    private final Path mavenSettings;
    private final Provenance provenance;
    private final Trust trust;

    /**
     * @param deployFolder FileInstall's folder, when it runs
     * @param home         the runtime's home (its {@code bundle/} and {@code conf/maven.properties})
     * @param trust        which jars are accepted
     */
    BundleOperations(BundleContext context, Path deployFolder, Path home, Trust trust) {
        this.context = context;
        this.trust = trust;
        this.deployFolder = Optional.ofNullable(deployFolder).map(DeployFolder::of);
        this.mavenSettings = home.resolve("conf").resolve("maven.properties");
        this.provenance = new Provenance(this.deployFolder, home);
    }

    /** The features, installed with this console's provenance and Maven settings. */
    Features features(Path folder) {
        BundleSet set = new BundleSet(context, provenance, trust);
        return new Features(folder, set, new CoordinatesInstall(mavenSettings, set), provenance);
    }

    /** One line per bundle: id, state, symbolic name, version, origin, SHA-256 of its jar, the features using it. */
    String list() {
        Table table = new Table();
        for (Bundle bundle : context.getBundles()) {
            table.row(bundle.getBundleId(), state(bundle), bundle.getSymbolicName(), bundle.getVersion(),
                    provenance.origin(bundle), provenance.sha256(bundle), provenance.features(bundle));
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
     * Installs and starts a bundle from a file or URL, or by its Maven coordinates with the
     * bundles it depends on ({@link CoordinatesInstall}). A file that does not resolve alone and
     * was built by Maven (its pom inside) is installed with the dependencies its pom names.
     *
     * @throws BundleException when it cannot be installed, or is refused; the message says why
     */
    String install(String source) throws BundleException {
        Optional<MavenArtifacts.Coordinates> coordinates = MavenArtifacts.Coordinates.parse(source);
        if (coordinates.isPresent()) {
            return new CoordinatesInstall(mavenSettings, new BundleSet(context, provenance, trust)).install(coordinates.get());
        }
        String location = location(source);
        refuseABrokenFile(source, location);
        if (context.getBundle(location) != null) {
            Bundle existing = context.getBundle(location);
            throw new BundleException("already installed from " + source + " as bundle " + existing.getBundleId()
                    + " (" + existing.getSymbolicName() + " " + existing.getVersion() + "); use update");
        }
        byte[] jar = read(source, location);
        refuseUntrusted(source, jar);
        Bundle bundle = context.installBundle(location, new ByteArrayInputStream(jar));
        provenance.installed(location, jar);
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
            Optional<Path> file = location.startsWith("file:") ? Optional.of(Path.of(URI.create(location)))
                    : Optional.empty();
            Optional<MavenArtifacts.Coordinates> own = file.flatMap(MavenArtifacts::embeddedCoordinates);
            if (e.getType() == BundleException.RESOLVE_ERROR && own.isPresent()) {
                // built by Maven: its pom names what it needs, which the repositories may have
                return new CoordinatesInstall(mavenSettings, new BundleSet(context, provenance, trust))
                        .installFile(file.get(), location, own.get(), reason(e));
            }
            throw new BundleException("refused " + name + " from " + source + ": " + reason(e), e);
        }
        return "installed " + name + " as bundle " + bundle.getBundleId() + ", " + state(bundle) + "\n";
    }

    /**
     * Updates a bundle (from a new file or URL, or from where it came) and refreshes what
     * depends on it. A transaction: when the new version does not resolve, does not start
     * or a component of it fails to activate, the exact previous content is put back (and
     * started again), and the refusal says what failed and that the old version serves.
     */
    String update(String target, String source) throws BundleException {
        Bundle bundle = find(target);
        protect(bundle, "update");
        Optional<RevisionSnapshot> before = RevisionSnapshot.current(bundle);
        boolean wasActive = bundle.getState() == Bundle.ACTIVE;
        // what is wired to it stops in the refresh, and starts again with a version that serves
        List<Bundle> activeDependents = RevisionSnapshot.activeDependents(wiring(), bundle);
        String old = bundle.getVersion().toString();
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        String hashBefore = provenance.sha256(bundle);
        try {
            if (source == null) {
                bundle.update();
            } else {
                refuseABrokenFile(source, location(source));
                byte[] jar = read(source, location(source));
                refuseUntrusted(source, jar);
                bundle.update(new ByteArrayInputStream(jar));
                provenance.installed(bundle.getLocation(), jar);
            }
        } catch (BundleException e) {
            if (bundle.adapt(BundleRevision.class) == revision) {
                throw new BundleException("cannot update " + bundle.getSymbolicName() + ": " + reason(e), e);
            }
            // updated, but it did not start again: the check below says why and rolls it back
        }
        List<String> touched = refresh(bundle);
        String name = bundle.getSymbolicName() + " " + old + " -> " + bundle.getVersion();
        Optional<String> problem = Serving.problem(context, bundle, wasActive);
        if (problem.isPresent()) {
            String rolledBack = before.map(snapshot -> snapshot.rollBack(wiring(), activeDependents))
                    .orElse("the previous version had never resolved, so there is nothing to go back to");
            provenance.restore(bundle.getLocation(), hashBefore);
            throw new BundleException("update " + name + " failed: " + problem.get() + "; " + rolledBack);
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

    private List<String> refresh(Bundle bundle) throws BundleException {
        return Refresh.andWait(wiring(), bundle);
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
        return deployFolder.map(folder -> folder.holds(bundle)).orElse(false);
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

    /** A jar the trust setting does not accept is refused before anything is installed. */
    private void refuseUntrusted(String source, byte[] jar) throws BundleException {
        Optional<String> problem;
        try {
            problem = trust.problem(jar);
        } catch (IOException e) {
            throw new BundleException("cannot check the signature of " + source + ": " + e.getMessage(), e);
        }
        if (problem.isPresent()) {
            throw new BundleException("refused " + source + ": it " + problem.get());
        }
    }

    /** The jar's bytes, read once: what is installed is what is hashed. */
    private static byte[] read(String source, String location) throws BundleException {
        try (InputStream in = new URL(location).openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new BundleException("cannot read " + source + ": " + e.getMessage(), e);
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
