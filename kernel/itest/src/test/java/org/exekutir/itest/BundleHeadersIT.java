package org.exekutir.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;

/** Our bundles' manifests as bnd made them: inherited headers, own names, exports. */
public class BundleHeadersIT extends KernelTestSupport {

    private static final String API = "org.exekutir.api";
    private static final String ENGINE = "org.exekutir.engine";
    private static final String ANSIBLE = "org.exekutir.ansible";

    @Test
    public void everyExekutirBundleHasItsOwnNameAndTheInheritedVendorAndCategory() throws java.io.IOException {
        Map<String, Bundle> ours = exekutirBundles();
        // Provider bundles come and go with the runtime's set; the kernel's are always there.
        assertTrue("the kernel's bundles among " + ours.keySet(), ours.keySet().containsAll(Set.of(API, ENGINE, ANSIBLE)));
        assertEquals("the exekutir bundles installed (one per module, each with its own Bundle-SymbolicName)",
                exekutirJars(), ours.size());
        List<String> problems = new ArrayList<>();
        for (String name : ours.keySet()) {
            // bnd's default name (groupId.artifactId) means the module's bnd.bnd forgot its own
            if (name.contains("exekutir-")) {
                problems.add(name + ": no Bundle-SymbolicName of its own");
            }
        }
        for (Bundle bundle : ours.values()) {
            for (String header : List.of(Constants.BUNDLE_VENDOR, Constants.BUNDLE_CATEGORY)) {
                String value = bundle.getHeaders("").get(header);
                if (!"exekutir".equals(value)) {
                    problems.add(bundle.getSymbolicName() + ": " + header + " is " + quoted(value) + ", not 'exekutir'");
                }
            }
        }
        assertEquals("headers the root bnd.bnd sets for every bundle", List.of(), problems);
    }

    @Test
    public void theApiBundleExportsItsContractsAtTheirVersions() {
        // 2.0.0, released once on purpose: value types made by factories, ChildProcesses gone
        // (the masking policy did not change); host 2.1.0: HostRequest.progress()
        Map<String, String> expected = new TreeMap<>(Map.of(
                "org.exekutir.api", "2.0.0",
                "org.exekutir.api.host", "2.1.0",
                "org.exekutir.api.playbook", "2.0.0",
                "org.exekutir.api.prune", "2.0.0",
                "org.exekutir.api.secret", "1.0.0",
                "org.exekutir.api.step", "2.0.0"));
        assertEquals("packages exported by " + API, expected, exports(API));
    }

    @Test
    public void onlyTheApiExportsPackages() {
        assertEquals("packages exported by " + ENGINE + " (its implementation is private)", Map.of(), exports(ENGINE));
        assertEquals("packages exported by " + ANSIBLE + " (its implementation is private)", Map.of(), exports(ANSIBLE));
        for (String bundle : exekutirBundles().keySet()) {
            if (!bundle.equals(API)) {
                assertEquals("packages exported by " + bundle + " (its implementation is private)", Map.of(), exports(bundle));
            }
        }
    }

    /** How many of the runtime's jars are our modules (named {@code exekutir-*}). */
    private static long exekutirJars() throws java.io.IOException {
        try (java.util.stream.Stream<java.nio.file.Path> jars = java.nio.file.Files
                .list(java.nio.file.Path.of(System.getProperty("exekutir.itest.bundles")))) {
            return jars.filter(jar -> jar.getFileName().toString().matches("exekutir-.*\\.jar")).count();
        }
    }

    /** The bundles whose symbolic names start with {@code org.exekutir.}, by name. */
    private Map<String, Bundle> exekutirBundles() {
        Map<String, Bundle> bundles = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getSymbolicName() != null && bundle.getSymbolicName().startsWith("org.exekutir.")) {
                Bundle other = bundles.put(bundle.getSymbolicName(), bundle);
                assertEquals("two bundles named " + bundle.getSymbolicName(), null, other);
            }
        }
        return bundles;
    }

    /** Package name to version of what the bundle exports (its Export-Package). */
    private Map<String, String> exports(String symbolicName) {
        Bundle bundle = exekutirBundles().get(symbolicName);
        assertNotNull(symbolicName + " is not installed", bundle);
        Map<String, String> exports = new TreeMap<>();
        for (BundleCapability export : bundle.adapt(BundleRevision.class)
                .getDeclaredCapabilities(BundleRevision.PACKAGE_NAMESPACE)) {
            Map<String, Object> attributes = export.getAttributes();
            exports.put((String) attributes.get(BundleRevision.PACKAGE_NAMESPACE),
                    String.valueOf(attributes.get(Constants.VERSION_ATTRIBUTE)));
        }
        return exports;
    }

    private static String quoted(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }
}
