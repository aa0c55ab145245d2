package org.exekutir.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

/** The runtime boots: its bundles are installed and started, and see the launcher's packages. */
public class BootIT extends KernelTestSupport {

    /** The runtime's bundle set (provisioning/pom.xml), by symbolic name. */
    private static final Set<String> RUNTIME_BUNDLES = Set.of(
            "org.apache.felix.scr", "org.osgi.service.component", "org.osgi.util.promise", "org.osgi.util.function",
            "org.yaml.snakeyaml", "org.exekutir.api", "org.exekutir.engine", "org.exekutir.ansible");

    @Test
    public void theRuntimeBundleSetIsInstalled() {
        Set<String> installed = new TreeSet<>();
        for (Bundle bundle : context.getBundles()) {
            installed.add(bundle.getSymbolicName());
        }
        Set<String> missing = new TreeSet<>(RUNTIME_BUNDLES);
        missing.removeAll(installed);
        assertTrue("runtime bundles not installed: " + missing + "; installed: " + installed, missing.isEmpty());
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
