package org.exekutir.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/** The runtime boots: its bundles are installed and started, and see the launcher's packages. */
public class BootIT extends KernelTestSupport {

    /** Every jar of the runtime's bundle set (the folder Maven fills from provisioning/pom.xml) is installed. */
    @Test
    public void theRuntimeBundleSetIsInstalled() throws IOException {
        Set<String> installed = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            installed.add(bundle.getSymbolicName() + " " + bundle.getVersion());
        }
        Set<String> expected = runtimeBundleSet();
        assertTrue("the bundle set holds the kernel's bundles: " + expected,
                expected.stream().anyMatch(b -> b.startsWith("org.exekutir.engine ")));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(installed);
        assertTrue("runtime bundles not installed: " + missing + "; installed: " + installed, missing.isEmpty());
    }

    /** Symbolic name and version of each jar of the bundle set. */
    private static Set<String> runtimeBundleSet() throws IOException {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("exekutir.itest.bundles")))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    Attributes main = file.getManifest().getMainAttributes();
                    String name = main.getValue("Bundle-SymbolicName").split(";")[0].strip();
                    names.add(name + " " + Version.parseVersion(main.getValue("Bundle-Version")));
                }
            }
        }
        return names;
    }

    @Test
    public void everyBundleIsActiveAndEveryFragmentResolved() {
        List<String> offenders = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                offenders.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " is " + state(bundle.getState())
                        + ", not " + state(expected) + why(bundle));
            }
        }
        assertTrue("bundles that did not start:\n  " + String.join("\n  ", offenders), offenders.isEmpty());
    }

    /**
     * The engine's {@code TransitionRequest} must be the launcher's class, and SLF4J the
     * launcher's 2.x: both come from the system bundle, as with the real launcher (and not
     * from the SLF4J 1.7 exports the tests add for Pax Exam's own bundles).
     */
    @Test
    public void ourBundlesGetTheLaunchersPackagesFromTheSystemBundle() {
        List<String> problems = new ArrayList<>();
        boolean engineImportsLaunch = false;
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name == null || !name.startsWith("org.exekutir.")) {
                continue;
            }
            BundleWiring wiring = bundle.adapt(BundleWiring.class);
            if (wiring == null) {
                problems.add(name + " is not resolved");
                continue;
            }
            for (BundleWire wire : wiring.getRequiredWires(BundleRevision.PACKAGE_NAMESPACE)) {
                String pkg = (String) wire.getCapability().getAttributes().get(BundleRevision.PACKAGE_NAMESPACE);
                if (!pkg.equals("org.exekutir.launch") && !pkg.startsWith("org.slf4j")) {
                    continue;
                }
                engineImportsLaunch |= name.equals("org.exekutir.engine") && pkg.equals("org.exekutir.launch");
                Bundle provider = wire.getProvider().getBundle();
                Version version = (Version) wire.getCapability().getAttributes().get("version");
                if (provider.getBundleId() != 0) {
                    problems.add(name + " gets " + pkg + " from " + provider.getSymbolicName() + ", not the system bundle");
                } else if (pkg.startsWith("org.slf4j") && version.getMajor() != 2) {
                    problems.add(name + " gets " + pkg + " " + version + ", not SLF4J 2");
                }
            }
        }
        if (!engineImportsLaunch) {
            problems.add("org.exekutir.engine has no wire for org.exekutir.launch");
        }
        assertEquals("wiring problems", List.of(), problems);
    }

    private static String why(Bundle bundle) {
        if (bundle.getState() != Bundle.INSTALLED) {
            return "";
        }
        try {
            bundle.start(Bundle.START_TRANSIENT);
            return "";
        } catch (BundleException | IllegalStateException e) {
            return ": " + e.getMessage();
        }
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "state " + state;
        };
    }
}
