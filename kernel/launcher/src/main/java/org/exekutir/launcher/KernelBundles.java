package org.exekutir.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.felix.framework.Felix;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's bundles: the jars of its bundle folders, installed in place (no copies) as on a
 * first run, or found as a restored {@link SavedFrameworkState} has them, and started.
 */
final class KernelBundles {

    private static final Logger LOG = LoggerFactory.getLogger(KernelBundles.class);

    private KernelBundles() {
    }

    /** The bundle jars of the folders, each folder's in name order. */
    static List<Path> jars(List<Path> folders) throws KernelException {
        List<Path> all = new ArrayList<>();
        for (Path folder : folders) {
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
                stream.forEach(jars::add);
            } catch (IOException e) {
                throw new KernelException("cannot read the bundle folder " + folder + ": " + e.getMessage(), e);
            }
            jars.sort(Comparator.naturalOrder());
            all.addAll(jars);
        }
        return all;
    }

    /**
     * The bundles of a restored storage, in install order, when they are exactly the jars
     * (as they must be, by the state's key); otherwise empty, with every bundle uninstalled,
     * and the caller installs them as on a first run.
     */
    static Optional<List<Bundle>> installedAsSaved(Felix framework, List<Path> jars)
            throws BundleException {
        List<Bundle> installed = Stream.of(framework.getBundleContext().getBundles())
                .filter(bundle -> bundle.getBundleId() != 0).sorted(Comparator.comparingLong(Bundle::getBundleId))
                .toList();
        List<String> expected = jars.stream().map(KernelBundles::location).toList();
        if (installed.stream().map(Bundle::getLocation).toList().equals(expected)) {
            return Optional.of(installed);
        }
        LOG.debug("the saved framework state does not match the bundle folder; installing afresh");
        for (Bundle bundle : installed) {
            bundle.uninstall();
        }
        return Optional.empty();
    }

    /** "reference:" makes Felix use the jar where it lies instead of copying it. */
    private static String location(Path jar) {
        return "reference:" + jar.toUri();
    }

    static List<Bundle> install(Felix framework, List<Path> jars) throws BundleException {
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            bundles.add(framework.getBundleContext().installBundle(location(jar)));
        }
        return bundles;
    }

    /**
     * A bundle that cannot start is reported and left out; the others still serve.
     *
     * @return whether every bundle started
     */
    static boolean startAll(List<Bundle> bundles) {
        boolean all = true;
        for (Bundle bundle : bundles) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                System.err.println("exekutir: bundle " + bundle.getSymbolicName() + " " + bundle.getVersion()
                        + " did not start: " + e.getMessage());
                all = false;
            }
        }
        return all;
    }

}
