package org.exekutir.podman.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.SettingProblem;
import org.exekutir.image.SuiteImages;
import org.exekutir.netns.hosts.CreationObserver;
import org.exekutir.netns.hosts.HostNames;
import org.exekutir.netns.hosts.PausedCreation;
import org.exekutir.netns.hosts.ProviderFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real containers of the real guest image (the suite's cache; built here when it is empty):
 * made in parallel, reached over ssh, changed by a real playbook that installs a Debian
 * package inside them (never on this machine), found again, and destroyed with nothing left.
 */
class PodmanProviderTest {

    /** Not the netns tests' range nor the providers' default, so tests never meet real jobs' hosts. */
    static final String RANGE = "10.215.0.0/16";

    private ProviderFixture fixture;

    static Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>(SuiteImages.settings());
        settings.put("netns_range", RANGE);
        return settings;
    }

    @BeforeEach
    void world() throws Exception {
        fixture = new ProviderFixture(new PodmanProvider(), settings());
    }

    @AfterEach
    void leaveNothing() throws Exception {
        fixture.close();
    }

    @Test
    void containersAreMadeInParallelChangedByAPlaybookAndDestroyedWithNothingLeft() throws Exception {
        Path deb = SuiteImages.debianPackage("hello");
        assertFalse(Files.exists(Path.of("/usr/bin/hello")), "this test needs a machine without Debian's hello");
        List<String> names = List.of(fixture.name("peon-1"), fixture.name("peon-2"));
        List<CompletableFuture<HostVars>> creations = names.stream().map(name -> CompletableFuture.supplyAsync(() -> {
            try {
                return fixture.create(name);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        })).toList();
        List<HostVars> hosts = creations.stream().map(creation -> creation.orTimeout(10, TimeUnit.MINUTES).join()).toList();
        assertTrue(fixture.told.stream().anyMatch(line -> line.contains("answers ssh on")), fixture.told.toString());

        for (HostVars vars : hosts) {
            ProviderFixture.Result inside = fixture.ssh(vars, "cat /proc/1/comm; hostname; ls -d "
                    + vars.string(HostVars.ROOT).orElseThrow());
            assertEquals(0, inside.exitCode(), inside.output());
            assertEquals(List.of("systemd", HostNames.hostLabel(vars.name()), "/var/lib/exekutir"),
                    List.of(inside.output().strip().split("\n")), "systemd is PID 1 of the container");
            assertEquals(HostNames.of(vars.name()).namespace(), vars.string("podman_container").orElseThrow());
        }
        ProviderFixture.Result playbook = fixture.installHelloInside(deb, hosts);
        assertEquals(0, playbook.exitCode(), playbook.output());
        for (HostVars vars : hosts) {
            assertEquals("Hello, world!", fixture.ssh(vars, "cat /var/lib/exekutir/greeting.txt").output().strip());
        }
        assertFalse(Files.exists(Path.of("/usr/bin/hello")), "the package went into the containers, not onto this machine");

        String id = containerId(names.get(0));
        HostVars again = fixture.create(names.get(0));
        assertEquals(hosts.get(0).address(), again.address(), "found again by name");
        assertEquals(id, containerId(names.get(0)), "the same container, not a new one");

        for (String name : names) {
            assertTrue(new PodmanProvider().destroy(fixture.request(name)));
            assertNothingLeft(name);
            assertFalse(new PodmanProvider().destroy(fixture.request(name)), "a host that is gone is destroyed");
        }
    }

    @Test
    void aCreationKilledAfterItsContainerStartedIsDestroyedWithNothingLeft() throws Exception {
        String name = fixture.name("peon");
        Process creation = PausedCreation.start(PodmanProvider.class, CreationObserver.HOST_STARTED, name,
                fixture.workspace, fixture.key, withRoot(), List.of(PodmanProvider.class, SuiteImages.class));
        creation.destroyForcibly();
        assertTrue(creation.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, creation.exitValue(), "killed by SIGKILL");
        assertTrue(containerId(name).length() > 0, "the container outlived the creation");
        assertTrue(new PodmanProvider().destroy(fixture.request(name)));
        assertNothingLeft(name);
    }

    @Test
    void badSettingsAreNamedBeforeAnythingIsMade() {
        PodmanProvider provider = new PodmanProvider();
        assertEquals(List.of(SettingProblem.of("podman_options", "'runc' is not an option (each starts with '-';"
                + " write an option and its value as one item: --name=value)")),
                provider.checkSettings(Map.of("podman_options", List.of("--runtime", "runc"))));
        assertEquals("podman_boot_timeout", provider.checkSettings(Map.of("podman_boot_timeout", "soon")).get(0).setting());
        assertEquals("image_packages", provider.checkSettings(Map.of("image_packages", "Not/A/Package")).get(0).setting());
        assertTrue(provider.settingNames().containsAll(List.of("podman_run_options", "image_suite", "netns_range")));
    }

    private Map<String, Object> withRoot() {
        Map<String, Object> settings = new LinkedHashMap<>(settings());
        settings.put("netns_root", fixture.root.toString());
        return settings;
    }

    private void assertNothingLeft(String name) throws Exception {
        String container = HostNames.of(name).namespace();
        ProviderFixture.Result all = ProviderFixture.run(List.of("podman", "ps", "--all", "--format", "{{.Names}}"));
        assertFalse(List.of(all.output().split("\n")).contains(container), "container " + container + " left: "
                + all.output());
        fixture.assertNetworkGone(name);
    }

    private static String containerId(String name) throws Exception {
        ProviderFixture.Result result = ProviderFixture.run(List.of("podman", "container", "inspect", "--format",
                "{{.Id}}", HostNames.of(name).namespace()));
        return result.exitCode() == 0 ? result.output().strip() : "";
    }
}
