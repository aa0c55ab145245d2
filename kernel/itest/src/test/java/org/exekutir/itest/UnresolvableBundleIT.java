package org.exekutir.itest;

import static org.hamcrest.CoreMatchers.containsString;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.exekutir.launch.ControlCommands;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * (c) A bundle whose import nothing exports is refused by the runtime's own install command
 * (the console bundle's {@code bundle install}, as an operator calls it through the control
 * channel): the missing requirement is named, and nothing else in the runtime changes — the
 * same bundles in the same states, the same services.
 */
public class UnresolvableBundleIT extends SwapSupport {

    private static final String MISSING = "org.example.nowhere.to.be.found";

    /**
     * FileInstall and the console, as the daemon has them (the suite's runtime is the one-shot
     * set), installed for this test and removed after it; FileInstall watches a folder of the
     * build's (the framework reads a system property where it has no property of its own).
     */
    private List<Bundle> installDaemonBundles() throws Exception {
        java.nio.file.Path deploy = Files.createDirectories(java.nio.file.Path.of(System.getProperty("exekutir.itest.deploy")));
        System.setProperty("felix.fileinstall.dir", deploy.toString());
        List<Bundle> bundles = new ArrayList<>();
        for (String property : List.of("exekutir.itest.fileinstall", "exekutir.itest.console")) {
            java.nio.file.Path jar = java.nio.file.Path.of(System.getProperty(property, "missing"));
            if (!Files.isRegularFile(jar)) {
                throw new IOException("no jar at " + property + "=" + jar + "; run with Maven");
            }
            bundles.add(context.installBundle(jar.toUri().toString()));
        }
        for (Bundle bundle : bundles) {
            bundle.start();
        }
        return bundles;
    }

    private void remove(List<Bundle> bundles) throws Exception {
        for (Bundle bundle : bundles) {
            bundle.uninstall();
        }
        refresh(bundles);
        System.clearProperty("felix.fileinstall.dir");
    }

    @Test
    public void aBundleWithAnUnresolvableImportIsRefusedAndNothingElseChanges() throws Exception {
        Bundle provider = installProvider("4.0.0");
        List<Bundle> daemonBundles = installDaemonBundles();
        Exception why = null;
        List<String> before;
        List<String> after;
        String name = "org.exekutir.itest.unresolvable." + UUID.randomUUID().toString().replace("-", "");
        try {
            ServiceReference<ControlCommands> reference = awaitService(ControlCommands.class, "");
            assertNotNull("the console bundle answers the control commands", reference);
            ControlCommands commands = context.getService(reference);
            java.nio.file.Path jar = temporary.newFile(name + ".jar").toPath();
            Files.write(jar, unresolvableBundle(name));
            before = runtime();
            try {
                commands.execute("install", List.of(jar.toString()));
            } catch (Exception e) {
                why = e;
            } finally {
                context.ungetService(reference);
            }
            after = runtime();
        } finally {
            remove(daemonBundles);
        }

        assertNotNull("the install was not refused", why);
        assertThat("the reason names the bundle", why.getMessage(), containsString("refused " + name));
        assertThat("the reason names the missing requirement", why.getMessage(), containsString(MISSING));
        assertEquals("the runtime after the refused bundle", before, after);
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
    private static byte[] unresolvableBundle(String name) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(new Attributes.Name(Constants.BUNDLE_MANIFESTVERSION), "2");
        main.put(new Attributes.Name(Constants.BUNDLE_SYMBOLICNAME), name);
        main.put(new Attributes.Name(Constants.BUNDLE_VERSION), "1.0.0");
        main.put(new Attributes.Name(Constants.IMPORT_PACKAGE),
                "org.exekutir.api.step;version=\"[2.0,3)\"," + MISSING + ";version=\"[1.0,2)\"");
        ByteArrayOutputStream jar = new ByteArrayOutputStream();
        new JarOutputStream(jar, manifest).close();
        return jar.toByteArray();
    }
}
