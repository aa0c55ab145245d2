package org.exekutir.console.internal;

import static org.exekutir.console.internal.EmbeddedFramework.bundle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;

/**
 * {@code install GROUP:ARTIFACT:VERSION} against a file-based Maven repository the test fills
 * (offline: nothing leaves the machine) and a real embedded Felix: a provider that imports a
 * package of a library that imports a package of a second library.
 */
class CoordinatesInstallTest {

    private static final String GROUP = "org.exekutir.test";

    @TempDir
    Path tmp;
    Path jars;
    MavenRepositoryFixture repository;
    EmbeddedFramework framework;
    BundleOperations operations;

    @BeforeEach
    void start() throws Exception {
        jars = Files.createDirectories(tmp.resolve("jars"));
        repository = new MavenRepositoryFixture(tmp.resolve("repository"));
        framework = new EmbeddedFramework(tmp.resolve("storage"));
        repository.settings(Files.createDirectories(tmp.resolve("conf")).resolve("maven.properties"), tmp.resolve("local"));
        operations = new BundleOperations(framework.context(), null, tmp, Trust.everyone());
    }

    @AfterEach
    void stop() throws Exception {
        framework.close();
    }

    private void putProvider() throws Exception {
        repository.put(GROUP, "provider", "1.0.0", bundle(jars, "test.provider", "1.0.0",
                Constants.IMPORT_PACKAGE, "test.lib1;version=\"[1,2)\""), GROUP + ":lib1:1.0.0");
    }

    private void putLib1(String... dependencies) throws Exception {
        repository.put(GROUP, "lib1", "1.0.0", bundle(jars, "test.lib1", "1.0.0",
                Constants.EXPORT_PACKAGE, "test.lib1;version=1.0", Constants.IMPORT_PACKAGE,
                "test.lib2;version=\"[2,3)\""), dependencies);
    }

    private void putLib2() throws Exception {
        repository.put(GROUP, "lib2", "2.1.0", bundle(jars, "test.lib2", "2.1.0",
                Constants.EXPORT_PACKAGE, "test.lib2;version=2.1"));
    }

    private Map<String, String> bundles() {
        Map<String, String> states = new TreeMap<>();
        for (Bundle bundle : framework.context().getBundles()) {
            states.put(bundle.getSymbolicName() + " " + bundle.getVersion(),
                    BundleOperations.state(bundle) + " " + bundle.getLocation());
        }
        return states;
    }

    @Test
    void theProviderAndBothLibrariesAreInstalledAndStartedInOneCommand() throws Exception {
        putProvider();
        putLib1(GROUP + ":lib2:2.1.0");
        putLib2();

        String answer = operations.install(GROUP + ":provider:1.0.0");

        for (String line : new String[] {"installed test.provider 1.0.0 from mvn:" + GROUP + "/provider/1.0.0",
                "installed test.lib1 1.0.0 from mvn:" + GROUP + "/lib1/1.0.0",
                "installed test.lib2 2.1.0 from mvn:" + GROUP + "/lib2/2.1.0"}) {
            assertTrue(answer.contains(line), answer);
        }
        Map<String, String> after = bundles();
        assertEquals("ACTIVE mvn:" + GROUP + "/provider/1.0.0", after.get("test.provider 1.0.0"));
        assertEquals("ACTIVE mvn:" + GROUP + "/lib1/1.0.0", after.get("test.lib1 1.0.0"));
        assertEquals("ACTIVE mvn:" + GROUP + "/lib2/2.1.0", after.get("test.lib2 2.1.0"));
        Path fetched = tmp.resolve("local").resolve(GROUP.replace('.', '/')).resolve("lib2/2.1.0/lib2-2.1.0.jar");
        assertTrue(Files.isRegularFile(fetched), "fetched into the configured local repository");
        String line = operations.list().lines().filter(l -> l.contains("test.lib2")).findFirst().orElseThrow();
        assertEquals(List.of("mvn:" + GROUP + "/lib2/2.1.0", Provenance.sha256(Files.readAllBytes(fetched))),
                List.of(line.trim().split("\\s+")).subList(4, 6), "origin and hash: " + line);

        // the Karaf form of the same coordinates: installed already
        String message = assertThrows(BundleException.class, () -> operations.install("mvn:" + GROUP + "/provider/1.0.0"))
                .getMessage();
        assertTrue(message.contains("test.provider 1.0.0 is installed already"), message);
    }

    @Test
    void aLibraryNoRepositoryProvidesRefusesTheWholeSetNamingTheChainAndNothingChanges() throws Exception {
        putProvider();
        putLib1(); // its pom does not name lib2, and no repository has a bundle exporting test.lib2
        Map<String, String> before = bundles();

        String message = assertThrows(BundleException.class, () -> operations.install(GROUP + ":provider:1.0.0"))
                .getMessage();

        assertTrue(message.contains("refused " + GROUP + ":provider:1.0.0, nothing installed: test.provider requires "
                + "package test.lib1;version=[1.0.0,2.0.0) → test.lib1 requires package test.lib2;version=[2.0.0,3.0.0)"
                + " → none of the repositories has it"), message);
        assertEquals(before, bundles());
    }

    @Test
    void anArtifactTheRepositoriesDoNotHaveIsRefusedNamingIt() throws Exception {
        putProvider();
        putLib1(GROUP + ":lib2:2.1.0"); // named, but not in the repository
        Map<String, String> before = bundles();

        String message = assertThrows(BundleException.class, () -> operations.install(GROUP + ":provider:1.0.0"))
                .getMessage();

        assertTrue(message.startsWith("refused " + GROUP + ":provider:1.0.0: cannot fetch"), message);
        assertTrue(message.contains(GROUP + ":lib2:jar:2.1.0"), message);
        assertEquals(before, bundles());
    }

    @Test
    void aDependencyThatIsNoBundleIsLeftOutAndSaidSo() throws Exception {
        Path plain = jars.resolve("plain.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(plain),
                new java.util.jar.Manifest())) {
            out.putNextEntry(new java.util.jar.JarEntry("a.txt"));
        }
        repository.put(GROUP, "plain", "1.0", plain);
        repository.put(GROUP, "lonely", "1.0.0", bundle(jars, "test.lonely", "1.0.0"), GROUP + ":plain:1.0");

        String answer = operations.install(GROUP + ":lonely:1.0.0");

        assertTrue(answer.contains("installed test.lonely 1.0.0"), answer);
        assertTrue(answer.contains("not a bundle, left out: " + GROUP + ":plain:1.0"), answer);
    }

    @Test
    void aFileBuiltByMavenThatDoesNotResolveAloneComesWithTheDependenciesItsPomNames() throws Exception {
        putLib1(GROUP + ":lib2:2.1.0");
        putLib2();
        Path plain = bundle(jars, "test.provider", "1.0.0", Constants.IMPORT_PACKAGE, "test.lib1;version=\"[1,2)\"");
        Path built = withPom(plain, GROUP, "provider", "1.0.0", GROUP + ":lib1:1.0.0");

        String answer = operations.install(built.toString());

        assertTrue(answer.contains("installed test.provider 1.0.0 from " + built.toUri()), answer);
        assertTrue(answer.contains("installed test.lib1 1.0.0 from mvn:" + GROUP + "/lib1/1.0.0"), answer);
        assertTrue(answer.contains("installed test.lib2 2.1.0 from mvn:" + GROUP + "/lib2/2.1.0"), answer);
        assertEquals("ACTIVE " + built.toUri(), bundles().get("test.provider 1.0.0"));

        // without a pom inside, the file is refused as before, naming what it misses
        operations.remove("test.provider");
        Path lonely = bundle(jars, "test.needy", "1.0.0", Constants.IMPORT_PACKAGE, "test.nowhere");
        String message = assertThrows(BundleException.class, () -> operations.install(lonely.toString())).getMessage();
        assertTrue(message.contains("refused test.needy 1.0.0 from " + lonely + ": missing requirement"), message);
    }

    @Test
    void aBadSettingIsRefusedNamingTheFileAndTheKey() throws Exception {
        Path settings = tmp.resolve("conf/maven.properties");
        Files.writeString(settings, "offline=maybe\n");
        String message = assertThrows(BundleException.class, () -> operations.install(GROUP + ":provider:1.0.0"))
                .getMessage();
        assertTrue(message.contains(settings + ": offline: 'maybe' is not true or false"), message);
        Files.writeString(settings, "repositories=central\n");
        message = assertThrows(BundleException.class, () -> operations.install(GROUP + ":provider:1.0.0")).getMessage();
        assertTrue(message.contains(settings + ": repositories: 'central' is not ID=URL"), message);
    }

    /** The jar with what Maven's jar plugin puts in: META-INF/maven/G/A/pom.xml and pom.properties. */
    private Path withPom(Path jar, String group, String artifact, String version, String... dependencies)
            throws Exception {
        Path pomRepository = tmp.resolve("pom-only");
        new MavenRepositoryFixture(pomRepository).put(group, artifact, version, null, dependencies);
        Path pom = pomRepository.resolve(group.replace('.', '/')).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + ".pom");
        Path built = tmp.resolve(artifact + "-" + version + "-built.jar");
        try (java.util.jar.JarInputStream in = new java.util.jar.JarInputStream(Files.newInputStream(jar));
                java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(built),
                        in.getManifest())) {
            for (java.util.jar.JarEntry entry; (entry = in.getNextJarEntry()) != null;) {
                out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                in.transferTo(out);
            }
            String folder = "META-INF/maven/" + group + "/" + artifact + "/";
            out.putNextEntry(new java.util.jar.JarEntry(folder + "pom.xml"));
            out.write(Files.readAllBytes(pom));
            out.putNextEntry(new java.util.jar.JarEntry(folder + "pom.properties"));
            out.write(("groupId=" + group + "\nartifactId=" + artifact + "\nversion=" + version + "\n").getBytes());
        }
        return built;
    }
}
