package org.exekutir.itest;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * (c) A bundle whose import nothing exports is refused the way provisioning refuses it
 * (install, resolve fails, the missing requirement is named, uninstall), and nothing else in
 * the runtime changes: the same bundles in the same states, the same services.
 */
public class UnresolvableBundleIT extends SwapSupport {

    private static final String MISSING = "org.example.nowhere.to.be.found";

    @Test
    public void aBundleWithAnUnresolvableImportIsRefusedAndNothingElseChanges() throws Exception {
        Bundle provider = installProvider("4.0.0");
        List<String> before = runtime();
        String name = "org.exekutir.itest.unresolvable." + UUID.randomUUID().toString().replace("-", "");
        FrameworkWiring framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);

        Bundle refused;
        try (InputStream in = unresolvableBundle(name)) {
            refused = context.installBundle("itest:" + name, in);
        }
        boolean resolved = framework.resolveBundles(List.of(refused));
        BundleException why = null;
        try {
            refused.start();
        } catch (BundleException e) {
            why = e;
        }
        refused.uninstall();
        refresh(List.of(refused));

        assertFalse("the bundle resolved", resolved);
        assertNotNull("starting the bundle did not fail", why);
        assertThat("the reason names the missing requirement", why.getMessage(), containsString(MISSING));
        assertEquals("the runtime after the refused bundle", before, runtime());
        assertEquals(Bundle.ACTIVE, provider.getState());
        java.nio.file.Path workspace = workspace();
        Run run = transition("setup", workspace, write(workspace.resolve("after.xn"), "- hello: {who: after}\n"));
        assertEquals("a transition after the refusal\n" + run, 0, run.code());
        assertThat(run.toString(), run.err(), containsString("hello, after (entry 1, example-provider 4.0.0)"));
    }

    /** Every bundle (id, name, version, state) and every service (id, interfaces, bundle). */
    private List<String> runtime() throws Exception {
        List<String> state = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            state.add("bundle " + bundle.getBundleId() + " " + bundle.getSymbolicName() + " " + bundle.getVersion() + " "
                    + bundle.getState() + " " + bundle.getLastModified());
        }
        for (ServiceReference<?> reference : context.getAllServiceReferences(null, null)) {
            state.add("service " + reference.getProperty(Constants.SERVICE_ID) + " "
                    + String.join(",", (String[]) reference.getProperty(Constants.OBJECTCLASS)) + " from "
                    + reference.getBundle().getBundleId());
        }
        state.sort(null);
        return state;
    }

    /** A bundle that needs a package no bundle exports (and the API, which is there). */
    private static InputStream unresolvableBundle(String name) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(new Attributes.Name(Constants.BUNDLE_MANIFESTVERSION), "2");
        main.put(new Attributes.Name(Constants.BUNDLE_SYMBOLICNAME), name);
        main.put(new Attributes.Name(Constants.BUNDLE_VERSION), "1.0.0");
        main.put(new Attributes.Name(Constants.IMPORT_PACKAGE),
                "org.exekutir.api.step;version=\"[1.0,2)\"," + MISSING + ";version=\"[1.0,2)\"");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        new JarOutputStream(jar, manifest).close();
        return new ByteArrayInputStream(jar.toByteArray());
    }
}
