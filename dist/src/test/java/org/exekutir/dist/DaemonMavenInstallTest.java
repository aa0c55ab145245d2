package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.exekutir.console.internal.MavenRepositoryFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code exekutir bundle install GROUP:ARTIFACT:VERSION} and {@code exekutir feature ...} on the
 * daemon: a third-party provider whose action needs a library that needs a second one, from a
 * file-based Maven repository the test fills (nothing leaves the machine), through the daemon's
 * {@code conf/maven.properties}; and the features the runtime ships.
 */
class DaemonMavenInstallTest extends DaemonPerClass {

    private static final String GROUP = "org.exekutir.test";
    private static final List<String> SET = List.of("org.exekutir.dist.greet", "org.exekutir.dist.greeting",
            "org.exekutir.dist.words");

    private MavenRepositoryFixture repository;
    private Path jars;

    @BeforeEach
    void repository() throws Exception {
        jars = Files.createDirectories(tmp.resolve("jars"));
        repository = new MavenRepositoryFixture(tmp.resolve("repository"));
        repository.settings(daemon.home.resolve("conf/maven.properties"), tmp.resolve("local"));
        repository.put(GROUP, "greet-provider", "1.0.0", ProbeBundles.greetProvider(jars), GROUP + ":greeting:1.0.0");
    }

    @AfterEach
    void removeTheSet() {
        daemon.cli().run("feature", "remove", "greet");
        for (String name : SET) {
            daemon.cli().run("bundle", "remove", name);
        }
    }

    @Test
    void aProviderIsInstalledByCoordinatesWithBothLibrariesAndItsActionRunsInATransition() throws Exception {
        repository.put(GROUP, "greeting", "1.0.0", ProbeBundles.greetingLibrary(jars), GROUP + ":words:2.1.0");
        repository.put(GROUP, "words", "2.1.0", ProbeBundles.wordsLibrary(jars));

        Exekutir.Result install = daemon.cli().run("bundle", "install", GROUP + ":greet-provider:1.0.0");

        assertEquals(0, install.exit(), install::toString);
        assertTrue(install.stdout().contains("installed org.exekutir.dist.greet 1.0.0 from mvn:" + GROUP
                + "/greet-provider/1.0.0"), install::toString);
        Map<String, String> bundles = bundleList();
        assertEquals("ACTIVE 1.0.0", bundles.get("org.exekutir.dist.greet"));
        assertEquals("ACTIVE 1.0.0", bundles.get("org.exekutir.dist.greeting"));
        assertEquals("ACTIVE 2.1.0", bundles.get("org.exekutir.dist.words"));

        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path xn = write(tmp.resolve("greet.xn"), "- greet: {who: world, to: " + ws.resolve("greeting.txt") + "}\n");
        Exekutir.Result run = daemon.cli().run("--daemon", "setup", ws.toString(), xn.toString());
        assertEquals(0, run.exit(), run::toString);
        assertEquals("hello, world", read(ws.resolve("greeting.txt")), "the provider's action, through both libraries");
    }

    @Test
    void aLibraryNoRepositoryHasRefusesTheSetNamingTheChainAndNothingChanges() throws Exception {
        repository.put(GROUP, "greeting", "1.0.0", ProbeBundles.greetingLibrary(jars)); // does not name words
        Map<String, String> before = bundleList();
        String providers = daemon.console("providers").output();

        Exekutir.Result install = daemon.cli().run("bundle", "install", "mvn:" + GROUP + "/greet-provider/1.0.0");

        assertEquals(1, install.exit(), install::toString);
        assertTrue(install.stderr().contains("refused " + GROUP + ":greet-provider:1.0.0, nothing installed: "
                + "org.exekutir.dist.greet requires package org.exekutir.dist.maven.lib1 → "
                + "org.exekutir.dist.greeting requires package org.exekutir.dist.maven.lib2 → none of the "
                + "repositories has it"), install::toString);
        assertEquals(before, bundleList());
        assertEquals(providers, daemon.console("providers").output());
    }

    @Test
    void aFeatureOfTheProviderIsInstalledListedAndRemovedAsOneUnit() throws Exception {
        repository.put(GROUP, "greeting", "1.0.0", ProbeBundles.greetingLibrary(jars), GROUP + ":words:2.1.0");
        repository.put(GROUP, "words", "2.1.0", ProbeBundles.wordsLibrary(jars));
        Path descriptor = write(tmp.resolve("greet.yml"), """
                name: greet
                version: 1.0.0
                bundles:
                  - %s:greet-provider:1.0.0
                """.formatted(GROUP));
        Map<String, String> before = bundleList();

        Exekutir.Result install = daemon.cli().in(tmp).run("feature", "install", "greet.yml");
        assertEquals(0, install.exit(), install::toString);
        assertTrue(install.stdout().contains("installed feature greet 1.0.0: 3 bundles"), install::toString);
        SET.forEach(name -> assertTrue(bundleList().get(name).startsWith("ACTIVE "), name));
        Exekutir.Result list = daemon.cli().run("feature", "list");
        assertTrue(list.stdout().matches("(?s)greet\\s+1\\.0\\.0\\s+3 bundles\\s+" + descriptor + "\\s*"), list::toString);

        Exekutir.Result remove = daemon.cli().run("feature", "remove", "greet");
        assertEquals(0, remove.exit(), remove::toString);
        assertEquals(before, bundleList());
    }

    @Test
    void aSetWhoseComponentFailsToActivateIsRefusedAndNothingStays() throws Exception {
        repository.put(GROUP, "failing-probe", "1.0.0", ProbeBundles.failingProbe(jars, "1.0.0"));
        Map<String, String> before = bundleList();

        Exekutir.Result install = daemon.cli().run("bundle", "install", GROUP + ":failing-probe:1.0.0");

        assertEquals(1, install.exit(), install::toString);
        assertTrue(install.stderr().contains("refused " + GROUP + ":failing-probe:1.0.0, nothing installed: "
                + ProbeBundles.PROBE + " 1.0.0 does not serve: its component "
                + "org.exekutir.dist.probe.failing.FailingProbeStep failed to activate"), install::toString);
        assertEquals(before, bundleList());
    }

    @Test
    void theShippedFeaturesNameTheRuntimesOwnBundlesAndRemovingOneLeavesThemServing() {
        Map<String, String> before = bundleList();
        for (String feature : List.of("netns", "script")) {
            Exekutir.Result install = daemon.cli().run("feature", "install", feature);
            assertEquals(0, install.exit(), install::toString);
            assertTrue(install.stdout().contains("already installed: org.exekutir.provider." + feature), install::toString);
            assertEquals(before, bundleList(), "nothing new: the runtime ships them");
            Exekutir.Result remove = daemon.cli().run("feature", "remove", feature);
            assertEquals(0, remove.exit(), remove::toString);
            assertEquals(before, bundleList(), "the runtime's own bundles stay");
        }
    }
}
