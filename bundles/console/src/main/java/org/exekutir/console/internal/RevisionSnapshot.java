package org.exekutir.console.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A bundle's revision as it served: its content as a jar, rebuilt from the revision's own
 * entries (so it is the exact content even when the file it came from has been replaced
 * since), its version, and whether it was active. What a failed update rolls back to. Taken
 * while the revision is the bundle's current one: after an update, Felix reads even an old
 * revision's entries from the new content.
 */
final class RevisionSnapshot {

    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private final Bundle bundle;
    private final String version;
    private final boolean active;
    private final byte[] jar;

    private RevisionSnapshot(Bundle bundle, String version, boolean active, byte[] jar) {
        this.bundle = bundle;
        this.version = version;
        this.active = active;
        this.jar = jar;
    }

    /**
     * The bundle's current revision, before it is updated; empty when it is not resolved (it
     * never served) or fragments are attached to it (their entries could not be told from its own).
     */
    static Optional<RevisionSnapshot> current(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        boolean active = bundle.getState() == Bundle.ACTIVE;
        BundleWiring wiring = revision == null ? null : revision.getWiring();
        if (wiring == null || !wiring.getProvidedWires(BundleRevision.HOST_NAMESPACE).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RevisionSnapshot(revision.getBundle(), revision.getVersion().toString(), active,
                    jar(wiring.findEntries("/", "*", BundleWiring.FINDENTRIES_RECURSE))));
        } catch (IOException | IllegalStateException e) {
            return Optional.empty(); // its content is gone; nothing to go back to
        }
    }

    String version() {
        return version;
    }

    /**
     * Puts this revision back in place of whatever the bundle holds now, refreshes what is
     * wired to it, and starts it again when it was active (resolves it when it was not).
     */
    void restore(FrameworkWiring wiring) throws BundleException {
        bundle.update(new ByteArrayInputStream(jar));
        Refresh.andWait(wiring, bundle);
        if (active && bundle.getState() != Bundle.ACTIVE) {
            bundle.start();
        } else if (!active) {
            wiring.resolveBundles(List.of(bundle));
        }
    }

    /** The bundles wired to {@code bundle} that are active now: a refresh stops them, a roll-back starts them again. */
    static List<Bundle> activeDependents(FrameworkWiring wiring, Bundle bundle) {
        return wiring.getDependencyClosure(List.of(bundle)).stream()
                .filter(other -> !other.equals(bundle) && other.getState() == Bundle.ACTIVE).toList();
    }

    /**
     * Puts this revision back ({@link #restore}), starts again what was active and wired to it,
     * and says what serves now, or that this failed too.
     */
    String rollBack(FrameworkWiring wiring, List<Bundle> activeDependents) {
        try {
            restore(wiring);
            for (Bundle dependent : activeDependents) {
                if (dependent.getState() != Bundle.ACTIVE) {
                    dependent.start();
                }
            }
            return "rolled back: " + bundle.getSymbolicName() + " " + version + " serves again (bundle "
                    + bundle.getBundleId() + ", " + BundleOperations.state(bundle) + ")";
        } catch (BundleException | IllegalStateException e) {
            return "and putting " + version + " back failed too: " + e.getMessage();
        }
    }

    /** The entries as a jar, the manifest first (where a jar's readers look for it). */
    private static byte[] jar(List<URL> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            URL manifest = entries.stream().filter(url -> path(url).equals(MANIFEST)).findFirst()
                    .orElseThrow(() -> new IOException("the revision has no manifest"));
            copy(zip, MANIFEST, manifest);
            for (URL entry : entries) {
                String path = path(entry);
                if (path.isEmpty() || path.equals(MANIFEST)) {
                    continue;
                }
                if (path.endsWith("/")) {
                    zip.putNextEntry(new ZipEntry(path));
                    zip.closeEntry();
                } else {
                    copy(zip, path, entry);
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void copy(ZipOutputStream zip, String path, URL entry) throws IOException {
        zip.putNextEntry(new ZipEntry(path));
        try (InputStream in = entry.openStream()) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }

    private static String path(URL entry) {
        String path = entry.getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }
}
