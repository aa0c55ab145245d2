package org.exekutir.console.internal;

import static org.exekutir.console.internal.EmbeddedFramework.bundle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's bundle operations against a real embedded Felix. */
class BundleOperationsTest {

    @TempDir
    Path tmp;
    Path jars;
    Path deploy;
    EmbeddedFramework framework;
    BundleOperations operations;

    @BeforeEach
    void start() throws Exception {
        jars = Files.createDirectories(tmp.resolve("jars"));
        deploy = Files.createDirectories(tmp.resolve("deploy"));
        framework = new EmbeddedFramework(tmp.resolve("storage"));
        operations = new BundleOperations(framework.context(), deploy, tmp, Trust.everyone());
    }

    @AfterEach
    void stop() throws Exception {
        framework.close();
    }

    /** Symbolic name and state of every bundle, to compare before and after. */
    private Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        for (Bundle bundle : framework.context().getBundles()) {
            states.put(bundle.getSymbolicName() + " " + bundle.getVersion(), BundleOperations.state(bundle));
        }
        return states;
    }

    private Bundle installed(String symbolicName) throws BundleException {
        return operations.find(symbolicName);
    }

    private FrameworkWiring wiring() {
        return framework.context().getBundle(0).adapt(FrameworkWiring.class);
    }

    /** Symbolic names of bundles that stopped while {@code action} ran (a refresh restarts them). */
    private List<String> stoppedDuring(ThrowingRunnable action) throws Exception {
        List<String> stopped = new ArrayList<>();
        framework.context().addBundleListener(event -> {
            if (event.getType() == BundleEvent.STOPPED) {
                stopped.add(event.getBundle().getSymbolicName());
            }
        });
        action.run();
        return stopped;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private void installApiAndConsumer() throws Exception {
        operations.install(bundle(jars, "test.api", "1.0.0", Constants.EXPORT_PACKAGE, "test.api;version=1.0").toString());
        operations.install(bundle(jars, "test.consumer", "1.0.0", Constants.IMPORT_PACKAGE, "test.api;version=\"[1,2)\"")
                .toString());
    }

    @Test
    void installStartsTheBundleAndListShowsIdStateNameVersionOriginAndHash() throws Exception {
        Path jar = bundle(jars, "test.lonely", "1.2.3");
        String answer = operations.install(jar.toString());
        Bundle bundle = installed("test.lonely");
        assertEquals(Bundle.ACTIVE, bundle.getState(), answer);
        assertTrue(answer.contains("test.lonely 1.2.3"), answer);
        String sha256 = Provenance.sha256(Files.readAllBytes(jar));
        // the file changes afterwards: the hash is of what was installed
        Files.writeString(jar, "something else");
        String line = operations.list().lines().filter(l -> l.contains("test.lonely")).findFirst().orElseThrow();
        assertEquals(List.of(String.valueOf(bundle.getBundleId()), "ACTIVE", "test.lonely", "1.2.3", jar.toString(),
                sha256, "-"), Arrays.asList(line.trim().split("\\s+")));
        String framework = operations.list().lines().filter(l -> l.trim().startsWith("0 ")).findFirst().orElseThrow();
        assertEquals(List.of("framework", "-"), Arrays.asList(framework.trim().split("\\s+")).subList(4, 6), framework);
    }

    @Test
    void unresolvableBundleIsRefusedWithTheMissingPackageNamedAndNothingElseChanges() throws Exception {
        installApiAndConsumer();
        Map<String, String> before = states();
        Path broken = bundle(jars, "test.broken", "1.0.0", Constants.IMPORT_PACKAGE, "org.nowhere.missing;version=\"[3,4)\"");
        List<String> stopped = stoppedDuring(() -> {
            BundleException refused = assertThrows(BundleException.class, () -> operations.install(broken.toString()));
            assertTrue(refused.getMessage().contains("refused test.broken 1.0.0"), refused.getMessage());
            assertTrue(refused.getMessage().contains(": missing requirement osgi.wiring.package; "
                    + "(&(osgi.wiring.package=org.nowhere.missing)"), refused.getMessage());
            assertFalse(refused.getMessage().contains("Unresolved requirements"), refused.getMessage());
        });
        assertEquals(before, states());
        assertEquals(List.of(), stopped);
        assertEquals(List.of(), List.copyOf(wiring().getRemovalPendingBundles()));
    }

    @Test
    void aCorruptOrForeignJarIsRefusedWithTheReasonAndNothingChanges() throws Exception {
        Map<String, String> before = states();
        Path cut = Files.write(jars.resolve("cut.jar"), java.util.Arrays.copyOf(
                Files.readAllBytes(bundle(jars, "test.whole", "1.0.0")), 40));
        Path text = Files.writeString(jars.resolve("text.jar"), "not a jar at all\n");
        Path plain = jars.resolve("plain.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(plain),
                new java.util.jar.Manifest())) {
            out.putNextEntry(new java.util.jar.JarEntry("a.txt"));
        }
        for (Path jar : List.of(cut, text)) {
            String message = assertThrows(BundleException.class, () -> operations.install(jar.toString())).getMessage();
            assertTrue(message.contains("refused " + jar + ": it is not a jar (a zip file)"), message);
        }
        String message = assertThrows(BundleException.class, () -> operations.install(plain.toString())).getMessage();
        assertTrue(message.contains("its manifest has no Bundle-SymbolicName, so it is no OSGi bundle"), message);
        message = assertThrows(BundleException.class, () -> operations.install(jars.resolve("missing.jar").toString()))
                .getMessage();
        assertTrue(message.contains("does not exist"), message);
        assertEquals(before, states());
    }

    @Test
    void theDeployFolderReportsTheJarsItCannotInstallAndOnlyThose() throws Exception {
        DeployCheck check = new DeployCheck();
        Path text = Files.writeString(deploy.resolve("broken.jar"), "garbage");
        assertTrue(check.canHandle(text.toFile()), "claimed, so that it is reported");
        assertTrue(!check.canHandle(bundle(deploy, "test.fine", "1.0.0").toFile()), "a bundle stays FileInstall's");
        assertTrue(!check.canHandle(Files.writeString(deploy.resolve("notes.txt"), "x").toFile()));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream before = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            check.install(text.toFile());
        } finally {
            System.setErr(before);
        }
        assertTrue(err.toString(java.nio.charset.StandardCharsets.UTF_8).contains(text + " is not installed: it is not a jar"),
                err.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void updateOfALeafBundleRefreshesOnlyItAndTheOthersKeepRunning() throws Exception {
        installApiAndConsumer();
        operations.install(bundle(jars, "test.lonely", "1.0.0").toString());
        Path next = bundle(jars, "test.lonely", "2.0.0");
        List<String> stopped = stoppedDuring(() -> {
            String answer = operations.update("test.lonely", next.toString());
            assertTrue(answer.contains("1.0.0 -> 2.0.0"), answer);
            assertTrue(answer.contains("refreshed test.lonely ["), answer);
            assertFalse(answer.contains("test.api"), answer);
        });
        assertEquals("2.0.0", installed("test.lonely").getVersion().toString());
        assertEquals(Bundle.ACTIVE, installed("test.lonely").getState());
        assertTrue(stopped.stream().allMatch("test.lonely"::equals), "only the updated bundle restarts: " + stopped);
        assertEquals(List.of(), List.copyOf(wiring().getRemovalPendingBundles()));
    }

    @Test
    void updateOfAnExportingBundleRefreshesWhatIsWiredToIt() throws Exception {
        installApiAndConsumer();
        operations.install(bundle(jars, "test.lonely", "1.0.0").toString());
        Path next = bundle(jars, "test.api", "1.1.0", Constants.EXPORT_PACKAGE, "test.api;version=1.1");
        String answer = operations.update(String.valueOf(installed("test.api").getBundleId()), next.toString());
        assertTrue(answer.contains("test.consumer ["), answer);
        assertFalse(answer.contains("test.lonely"), answer);
        assertEquals(Bundle.ACTIVE, installed("test.consumer").getState());
        assertEquals(List.of(), List.copyOf(wiring().getRemovalPendingBundles()));
    }

    @Test
    void anUpdateThatDoesNotResolveIsRolledBackToTheExactPreviousContentAndItsDependentsKeepServing()
            throws Exception {
        installApiAndConsumer();
        Bundle api = installed("test.api");
        Path broken = bundle(jars, "test.api", "2.0.0", Constants.EXPORT_PACKAGE, "test.api;version=1.1",
                Constants.IMPORT_PACKAGE, "org.nowhere.missing;version=\"[3,4)\"");
        // the file it came from is overwritten too: the old content must come from the framework
        Files.copy(broken, jars.resolve("test.api-1.0.0.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        String message = assertThrows(BundleException.class, () -> operations.update("test.api", broken.toString()))
                .getMessage();

        assertTrue(message.contains("update test.api 1.0.0 -> 2.0.0 failed: missing requirement osgi.wiring.package; "
                + "(&(osgi.wiring.package=org.nowhere.missing)"), message);
        assertFalse(message.contains("Unresolved requirements"), "the reason, once: " + message);
        assertTrue(message.contains("rolled back: test.api 1.0.0 serves again (bundle " + api.getBundleId()
                + ", ACTIVE)"), message);
        assertEquals("1.0.0", api.getVersion().toString());
        assertEquals(Bundle.ACTIVE, api.getState());
        assertEquals("test.api 1.0.0", content(api));
        assertEquals(Bundle.ACTIVE, installed("test.consumer").getState());
        assertEquals(List.of(), List.copyOf(wiring().getRemovalPendingBundles()));
    }

    @Test
    void anUpdateThatCannotStartIsRolledBackAndOneThatWasStoppedStaysStopped() throws Exception {
        operations.install(bundle(jars, "test.lonely", "1.0.0").toString());
        Path failing = bundle(jars, "test.lonely", "2.0.0", Constants.BUNDLE_ACTIVATOR, "no.such.Activator");
        String message = assertThrows(BundleException.class, () -> operations.update("test.lonely", failing.toString()))
                .getMessage();
        assertTrue(message.contains("update test.lonely 1.0.0 -> 2.0.0 failed"), message);
        assertTrue(message.contains("rolled back: test.lonely 1.0.0 serves again"), message);
        assertEquals(Bundle.ACTIVE, installed("test.lonely").getState());

        installed("test.lonely").stop();
        Path unresolvable = bundle(jars, "test.lonely", "3.0.0", Constants.IMPORT_PACKAGE, "org.nowhere.missing");
        message = assertThrows(BundleException.class, () -> operations.update("test.lonely", unresolvable.toString()))
                .getMessage();
        assertTrue(message.contains("failed: it does not resolve; rolled back: test.lonely 1.0.0"), message);
        assertEquals("1.0.0", installed("test.lonely").getVersion().toString());
        assertEquals(Bundle.RESOLVED, installed("test.lonely").getState(), "stopped before, stopped after");
        assertEquals("test.lonely 1.0.0", content(installed("test.lonely")));
    }

    private static String content(Bundle bundle) throws java.io.IOException {
        try (java.io.InputStream in = bundle.getEntry(EmbeddedFramework.CONTENT).openStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void removeUninstallsAndLeavesNoOldRevisionBehind() throws Exception {
        installApiAndConsumer();
        operations.install(bundle(jars, "test.lonely", "1.0.0").toString());
        String answer = operations.remove("test.lonely");
        assertTrue(answer.contains("removed test.lonely 1.0.0"), answer);
        assertThrows(BundleException.class, () -> installed("test.lonely"));
        assertEquals(List.of(), List.copyOf(wiring().getRemovalPendingBundles()));
        assertEquals(Bundle.ACTIVE, installed("test.consumer").getState());
    }

    @Test
    void bundleOfTheDeployFolderIsRemovedByItsFileNotByCommand() throws Exception {
        Path jar = bundle(deploy, "test.deployed", "1.0.0");
        framework.context().installBundle(jar.toUri().toString()).start();
        BundleException refused = assertThrows(BundleException.class, () -> operations.remove("test.deployed"));
        assertTrue(refused.getMessage().contains("deploy folder"), refused.getMessage());
        assertEquals(Bundle.ACTIVE, installed("test.deployed").getState());
    }

    @Test
    void aNameInstalledInTwoVersionsNeedsTheId() throws Exception {
        operations.install(bundle(jars, "test.twice", "1.0.0").toString());
        operations.install(bundle(jars, "test.twice", "2.0.0").toString());
        BundleException ambiguous = assertThrows(BundleException.class, () -> operations.remove("test.twice"));
        assertTrue(ambiguous.getMessage().contains("give the id"), ambiguous.getMessage());
    }

    @Test
    void theFrameworkItselfCannotBeRemoved() {
        BundleException refused = assertThrows(BundleException.class, () -> operations.remove("0"));
        assertTrue(refused.getMessage().contains("cannot remove"), refused.getMessage());
        assertEquals(Bundle.ACTIVE, framework.context().getBundle(0).getState());
    }
}
