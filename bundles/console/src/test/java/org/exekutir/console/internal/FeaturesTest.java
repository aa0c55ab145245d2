package org.exekutir.console.internal;

import static org.exekutir.console.internal.EmbeddedFramework.bundle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/** Features on a real embedded Felix, their bundles from a file-based Maven repository and from jars. */
class FeaturesTest {

    private static final String GROUP = "org.exekutir.test";

    @TempDir
    Path tmp;
    Path jars;
    Path folder;
    MavenRepositoryFixture repository;
    EmbeddedFramework framework;
    BundleOperations operations;
    Features features;

    @BeforeEach
    void start() throws Exception {
        jars = Files.createDirectories(tmp.resolve("jars"));
        folder = Files.createDirectories(tmp.resolve("features"));
        repository = new MavenRepositoryFixture(tmp.resolve("repository"));
        repository.settings(Files.createDirectories(tmp.resolve("conf")).resolve("maven.properties"), tmp.resolve("local"));
        framework = new EmbeddedFramework(tmp.resolve("storage"));
        operations = new BundleOperations(framework.context(), null, tmp, Trust.everyone());
        features = operations.features(folder);
        repository.put(GROUP, "lib2", "2.1.0", bundle(jars, "test.lib2", "2.1.0", Constants.EXPORT_PACKAGE,
                "test.lib2;version=2.1"));
        repository.put(GROUP, "lib1", "1.0.0", bundle(jars, "test.lib1", "1.0.0", Constants.EXPORT_PACKAGE,
                "test.lib1;version=1.0", Constants.IMPORT_PACKAGE, "test.lib2"), GROUP + ":lib2:2.1.0");
        for (String version : new String[] {"1.0.0", "2.0.0"}) {
            repository.put(GROUP, "provider", version, bundle(jars, "test.provider", version,
                    Constants.IMPORT_PACKAGE, "test.lib1"), GROUP + ":lib1:1.0.0");
        }
    }

    @AfterEach
    void stop() throws Exception {
        framework.close();
    }

    private Path descriptor(String file, String text) throws Exception {
        return Files.writeString(folder.resolve(file), text);
    }

    private Map<String, String> bundles() {
        Map<String, String> states = new TreeMap<>();
        for (Bundle bundle : framework.context().getBundles()) {
            states.put(bundle.getSymbolicName() + " " + bundle.getVersion(), BundleOperations.state(bundle));
        }
        return states;
    }

    @Test
    void aFeatureIsInstalledUpdatedAndRemovedAsOneUnit() throws Exception {
        descriptor("greet.yml", "name: greet\nversion: 1.0.0\nbundles:\n  - " + GROUP + ":provider:1.0.0\n");
        String answer = features.install("greet");
        assertTrue(answer.contains("installed feature greet 1.0.0: 3 bundles"), answer);
        assertEquals("ACTIVE", bundles().get("test.provider 1.0.0"));
        assertEquals("ACTIVE", bundles().get("test.lib1 1.0.0"));
        assertEquals("ACTIVE", bundles().get("test.lib2 2.1.0"));
        assertTrue(features.list().matches("(?s)greet\\s+1\\.0\\.0\\s+3 bundles\\s+" + folder.resolve("greet.yml") + "\\s*"),
                features.list());

        descriptor("greet.yml", "name: greet\nversion: 2.0.0\nbundles:\n  - mvn:" + GROUP + "/provider/2.0.0\n");
        answer = features.install("greet");
        assertTrue(answer.contains("updated feature greet 1.0.0 -> 2.0.0; removed test.provider 1.0.0"), answer);
        assertEquals("ACTIVE", bundles().get("test.provider 2.0.0"));
        assertEquals(null, bundles().get("test.provider 1.0.0"));
        assertEquals("ACTIVE", bundles().get("test.lib1 1.0.0"), "the libraries both versions use stay");

        answer = features.remove("greet");
        assertTrue(answer.contains("removed feature greet 2.0.0: uninstalled"), answer);
        assertEquals(Map.of("org.apache.felix.framework 7.0.5", "ACTIVE"), bundles());
    }

    @Test
    void anUpdateThatDoesNotResolveLeavesTheOldVersionAsItWas() throws Exception {
        descriptor("greet.yml", "name: greet\nversion: 1.0.0\nbundles:\n  - " + GROUP + ":provider:1.0.0\n");
        features.install("greet");
        Map<String, String> before = bundles();
        repository.put(GROUP, "provider", "3.0.0", bundle(jars, "test.provider", "3.0.0",
                Constants.IMPORT_PACKAGE, "test.nowhere"));
        descriptor("greet.yml", "name: greet\nversion: 3.0.0\nbundles:\n  - " + GROUP + ":provider:3.0.0\n");

        String message = assertThrows(BundleException.class, () -> features.install("greet")).getMessage();

        assertTrue(message.contains("refused feature greet 3.0.0, nothing installed: test.provider requires package "
                + "test.nowhere → none of the repositories has it; feature greet 1.0.0 serves as before"), message);
        assertEquals(before, bundles());
        assertTrue(features.list().contains("greet  1.0.0"), features.list());
    }

    @Test
    void aBundleTwoFeaturesShareStaysUntilTheLastGoesAndOneThatWasThereBeforeStaysAlways() throws Exception {
        Path other = bundle(jars, "test.other", "1.0.0", Constants.IMPORT_PACKAGE, "test.lib2");
        operations.install(bundle(jars, "test.lonely", "1.0.0").toString()); // there before any feature
        descriptor("greet.yml", "name: greet\nbundles:\n  - " + GROUP + ":provider:1.0.0\n  - ../jars/test.lonely-1.0.0.jar\n");
        descriptor("other.yml", "name: other\nbundles:\n  - " + GROUP + ":lib2:2.1.0\n  - " + other + "\n");
        features.install("greet");
        String answer = features.install(folder.resolve("other.yml").toString());
        assertTrue(answer.contains("already installed: test.lib2 2.1.0"), answer);

        features.remove("greet");
        assertEquals(null, bundles().get("test.provider 1.0.0"));
        assertEquals(null, bundles().get("test.lib1 1.0.0"));
        assertEquals("ACTIVE", bundles().get("test.lib2 2.1.0"), "the other feature still uses it");
        assertEquals("ACTIVE", bundles().get("test.lonely 1.0.0"), "there before any feature");

        features.remove("other");
        assertEquals(null, bundles().get("test.lib2 2.1.0"));
        assertEquals(null, bundles().get("test.other 1.0.0"));
        assertEquals("ACTIVE", bundles().get("test.lonely 1.0.0"));
        String message = assertThrows(BundleException.class, () -> features.remove("other")).getMessage();
        assertTrue(message.contains("no feature named other is installed"), message);
    }

    @Test
    void aBadDescriptorIsRefusedNamingTheFileAndWhatIsWrongAndNothingIsInstalled() throws Exception {
        Map<String, String> before = bundles();
        Path typo = descriptor("typo.yml", "name: typo\nbundle:\n  - " + GROUP + ":lib2:2.1.0\n");
        Path empty = descriptor("empty.yml", "name: empty\nbundles: []\n");
        Path missing = descriptor("missing.yml", "name: missing\nbundles:\n  - ../jars/nothing-here.jar\n");
        Path broken = descriptor("broken.yml", "name: broken\nbundles:\n  - [unclosed\n");

        assertTrue(message("typo").contains(typo + ": unknown key 'bundle'"), message("typo"));
        assertTrue(message("empty").contains(empty + ": 'bundles' must be a list"), message("empty"));
        assertTrue(message("missing").contains(missing + ": bundles: ../jars/nothing-here.jar is neither Maven "
                + "coordinates nor a jar"), message("missing"));
        assertTrue(message("broken").matches("(?s)" + java.util.regex.Pattern.quote(broken + ": not YAML:") + ".*line 3.*"),
                message("broken"));
        assertTrue(message("absent").contains("no feature absent: " + folder.resolve("absent.yml") + " does not exist"),
                message("absent"));
        assertEquals(before, bundles());
    }

    /** A column of the bundle's line in {@code bundle list}. */
    private String column(int index, String symbolicName) {
        String line = operations.list().lines().filter(l -> l.contains(" " + symbolicName + " ")).findFirst().orElseThrow();
        return line.trim().split("\\s+")[index];
    }

    private String message(String name) {
        return assertThrows(BundleException.class, () -> features.install(name)).getMessage();
    }
}
