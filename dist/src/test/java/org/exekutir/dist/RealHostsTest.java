package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jobs on real hosts, through bin/exekutir's three transitions: container peons of a
 * local kommandir, a container kommandir that makes container peons itself, and a VM peon.
 * A playbook changes them as it would real machines (a user, /etc/motd) and this machine
 * stays as it was; cleanup leaves nothing of them. They boot the guest image of the suite's
 * cache (built by the guest-image module's tests, or here when it is empty).
 */
class RealHostsTest extends WorkspaceTest {

    private static final Path EXEKUTIR_XN = Exekutir.HOME.resolve("exekutir.xn");
    /** The suite's image cache: target/guest-images at the repository's root. */
    private static final Path IMAGES = Exekutir.HOME.getParent().getParent().getParent().resolve("target/guest-images");
    private static final String CACHE = "image_cache: \"" + IMAGES + "\"";

    private NetnsJob job;

    @AfterEach
    void leaveNothing() {
        if (job != null) {
            job.tearDown();
        }
    }

    @Test
    void containerPeonsAreChangedByTheJobAndThisMachineStaysAsItWas() throws IOException {
        String motd = machineMotd();
        assertFalse(userExists("demo"), "this test needs a machine without a user 'demo'");
        job = new NetnsJob(ws).settings("local", Exekutir.HOME.resolve("jobs/peons-containers"), CACHE);
        Exekutir.Result setup = transition("setup");
        assertTrue(setup.output().contains("peons: 2 created, 0 failed"), setup.toString());
        for (String peon : List.of("peon-1", "peon-2")) {
            assertEquals(List.of(peon + ": a throw-away host made by exekutir", "demo", "podman"),
                    Files.readAllLines(ws.resolve("results/peons/" + peon + ".txt")), "what the peon said of itself");
            assertTrue(job.containers().contains("exekutir-" + job.uuid + "-" + peon), job.containers().toString());
        }
        transition("run");
        Exekutir.Result cleanup = transition("cleanup");
        assertTrue(cleanup.output().contains("peons: 2 destroyed, 0 failed"), cleanup.toString());
        assertEquals(List.of(), job.leftovers(), "containers, namespaces and folders are gone");
        assertEquals(motd, machineMotd(), "this machine's /etc/motd is untouched");
        assertFalse(userExists("demo"), "no user was added to this machine");
    }

    /**
     * The kommandir is a container (podman_nested): the runtime and the workspace are sent to
     * it, and the exekutir there makes the peons as containers of its own, from this
     * machine's image, reachable only from the kommandir.
     */
    @Test
    void aContainerKommandirMakesContainerPeonsThroughTheThreeContexts() throws IOException {
        job = new NetnsJob(ws).settings("podman", Exekutir.HOME.resolve("jobs/peons-containers"), CACHE,
                "podman_nested: true", "image_packages: [openjdk-17-jre-headless, ansible-core, podman, runc]");
        Exekutir.Result setup = transition("setup");
        assertTrue(setup.output().contains("peons: 2 created, 0 failed"), setup.toString());
        assertTrue(Files.readString(ws.resolve("inventory/host_vars/kommandir.yml")).contains("podman_container: exekutir-"
                + job.uuid + "-kommandir"));
        assertEquals(List.of("exekutir-" + job.uuid + "-kommandir"), job.containers(),
                "on this machine only the kommandir: the peons are the kommandir's");
        for (String peon : List.of("peon-1", "peon-2")) {
            assertEquals(List.of(peon + ": a throw-away host made by exekutir", "demo", "podman"),
                    Files.readAllLines(ws.resolve("results/peons/" + peon + ".txt")));
            // Its network namespace is the kommandir's own (inside the container), not this machine's:
            // its link hangs off the kommandir. (Its address may be taken here by another job's host.)
            assertFalse(Files.exists(Path.of("/run/netns/exekutir-" + job.uuid + "-" + peon)),
                    "peon " + peon + "'s namespace is not on this machine");
            assertTrue(Files.readString(ws.resolve("kommandir_workspace/inventory/host_vars/" + peon + ".yml"))
                    .contains("podman_container: exekutir-" + job.uuid + "-" + peon));
        }
        transition("run");
        Exekutir.Result cleanup = transition("cleanup");
        assertTrue(cleanup.output().contains("peons: 2 destroyed, 0 failed"), cleanup.toString());
        assertTrue(Files.readString(ws.resolve("hosts/kommandir.yml")).contains("state: destroyed"));
        assertEquals(List.of(), job.leftovers(), "the kommandir, its peons and their storage are gone");
    }

    @Test
    void aVmPeonIsChangedByTheJobAndPoweredOffInCleanup() throws IOException {
        job = new NetnsJob(ws).settings("local", Exekutir.HOME.resolve("jobs/peons-vms"), CACHE);
        Exekutir.Result setup = transition("setup");
        assertTrue(setup.output().contains("qemu: booting " + job.uuid + "-vm-1"), setup.toString());
        List<String> said = Files.readAllLines(ws.resolve("results/peons/vm-1.txt"));
        assertEquals(List.of("vm-1: a throw-away host made by exekutir", "demo"), said.subList(0, 2));
        assertTrue(List.of("qemu", "kvm").contains(said.get(2)), "a virtual machine: " + said);
        transition("run");
        Exekutir.Result cleanup = transition("cleanup");
        assertTrue(cleanup.output().contains("peons: 1 destroyed, 0 failed"), cleanup.toString());
        assertEquals(List.of(), job.leftovers(), "qemu, its overlay, namespace and folder are gone");
    }

    /** Runs one context; it must succeed and park 0 for the kommandir's part. */
    private Exekutir.Result transition(String context) throws IOException {
        Exekutir.Result result = new Exekutir().run(context, ws.toString(), EXEKUTIR_XN.toString());
        assertEquals(0, result.exit(), result.toString());
        assertEquals("0", Files.readString(ws.resolve("kommandir_" + context + ".exit")), result.toString());
        return result;
    }

    private static String machineMotd() throws IOException {
        Path motd = Path.of("/etc/motd");
        return Files.exists(motd) ? Files.readString(motd) : "(none)";
    }

    private static boolean userExists(String name) {
        return NetnsJob.run("getent", "passwd", name).startsWith(name + ":");
    }
}
