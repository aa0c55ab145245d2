package org.exekutir.netns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.exekutir.api.host.HostVars;
import org.exekutir.netns.hosts.CreationObserver;
import org.exekutir.netns.hosts.HostNames;
import org.exekutir.netns.hosts.Ipv4Range;
import org.exekutir.netns.hosts.NetnsException;
import org.junit.jupiter.api.Test;

/** The provider against the real machine: ip netns, sshd, the OpenSSH client. */
class NetnsProviderTest extends NetnsTestCase {

    @Test
    void createsAHostThatAnswersSshInItsOwnNamespace() throws Exception {
        String name = fixture.name("kommandir");
        HostVars vars = fixture.create(name);
        String namespace = HostNames.of(name).namespace();

        Machine.Result inside = fixture.ssh(vars, "ip netns identify; ip -4 -o address show; pwd");
        assertEquals(0, inside.exitCode(), inside.output());
        assertTrue(inside.output().contains(namespace + "\n"), inside.output());
        String address = vars.address().orElseThrow();
        assertTrue(inside.output().contains("inet " + address + "/30"), inside.output());
        assertTrue(Ipv4Range.parse(Fixture.RANGE, "test").overlaps(Ipv4Range.parse(address, "test")), address);

        assertEquals(List.of(namespace), Machine.namespaces().stream().filter(namespace::equals).toList());
        assertTrue(Machine.links().contains(HostNames.of(name).outerLink()));
        assertEquals("kommandir", vars.name());
        assertEquals(22, vars.port(0));
        assertEquals("root", vars.user().orElseThrow());
        assertEquals(fixture.key.toString(), vars.string(HostVars.PRIVATE_KEY_FILE).orElseThrow());
        assertEquals("ssh", vars.string(HostVars.TRANSPORT).orElseThrow());
        assertEquals("-o UserKnownHostsFile=" + fixture.workspace.resolve("ssh/known_hosts")
                + " -o StrictHostKeyChecking=accept-new", vars.string("ansible_ssh_common_args").orElseThrow());
        assertEquals(namespace, vars.string("netns_namespace").orElseThrow());
        Path root = Path.of(vars.string(HostVars.ROOT).orElseThrow());
        assertEquals(fixture.folder(name).resolve("root"), root);
        assertTrue(Files.isDirectory(root));
        assertEquals(0, fixture.ssh(vars, "touch " + root + "/made-over-ssh").exitCode());
        assertTrue(Files.exists(root.resolve("made-over-ssh")), "the host shares this machine's files");
    }

    @Test
    void aHostDoesNotRouteAndHasNoWayOut() throws Exception {
        String name = fixture.name("kommandir");
        HostVars vars = fixture.create(name);
        String namespace = HostNames.of(name).namespace();
        String routes = Machine.run(Machine.in(namespace, "ip", "-4", "route", "show"));
        assertFalse(routes.contains("default"), routes);
        assertEquals("0", Machine.run(Machine.in(namespace, "cat", "/proc/sys/net/ipv4/ip_forward")).strip());
        Machine.Result outside = Machine.attempt(Machine.in(namespace, "ip", "route", "get", "192.0.2.1"));
        assertTrue(outside.exitCode() != 0 && outside.output().contains("unreachable"), outside.output());
        assertEquals(0, fixture.ssh(vars, "true").exitCode());
    }

    @Test
    void creatingTwiceFindsTheSameHost() throws Exception {
        String name = fixture.name("kommandir");
        HostVars first = fixture.create(name);
        assertEquals(0, fixture.ssh(first, "true").exitCode());
        HostVars second = fixture.create(name);
        assertEquals(first, second);
        String namespace = HostNames.of(name).namespace();
        assertEquals(1, Machine.namespaces().stream().filter(namespace::equals).count());
        // the known-hosts file holds the first key: a new key would be refused here
        Machine.Result again = fixture.ssh(second, "true");
        assertEquals(0, again.exitCode(), again.output());
    }

    @Test
    void aNewJobKeyIsAuthorizedByTheNextDiscovery() throws Exception {
        String name = fixture.name("kommandir");
        HostVars vars = fixture.create(name);
        Files.delete(fixture.key);
        Files.delete(Path.of(fixture.key + ".pub"));
        Machine.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", fixture.key.toString());
        assertEquals(255, fixture.ssh(vars, "true").exitCode(), "the new key is not authorized yet");
        assertEquals(vars, fixture.create(name));
        Machine.Result result = fixture.ssh(vars, "true");
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void destroyRemovesNamespaceLinksProcessesAndFolder() throws Exception {
        String name = fixture.name("peon-1");
        HostVars vars = fixture.create(name);
        Process session = new ProcessBuilder(fixture.sshCommand(vars, "sleep 600")).start();
        awaitProcessesInNamespace(HostNames.of(name).namespace(), 2);

        assertTrue(fixture.provider.destroy(fixture.request(name)));

        fixture.assertGone(name);
        assertTrue(session.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the session ended");
        assertFalse(fixture.provider.destroy(fixture.request(name)), "a host already gone");
    }

    @Test
    void destroyingAHostNeverMadeSaysSo() throws Exception {
        String name = fixture.name("never");
        assertFalse(fixture.provider.destroy(fixture.request(name)));
        fixture.assertGone(name);
    }

    @Test
    void aMissingPublicKeyIsNamedAndNothingIsMade() throws Exception {
        String name = fixture.name("kommandir");
        Files.delete(Path.of(fixture.key + ".pub"));
        NetnsException refused = assertThrows(NetnsException.class, () -> fixture.create(name));
        assertEquals("netns host " + name + ": the public key " + fixture.key + ".pub (of"
                + " ansible_ssh_private_key_file) does not exist", refused.getMessage());
        fixture.assertGone(name);
    }

    @Test
    void ageCountsFromTheRecordedCreation() throws Exception {
        String name = fixture.name("kommandir");
        Instant made = Instant.parse("2026-01-01T00:00:00Z");
        new NetnsProvider(CreationObserver.NONE, Clock.fixed(made, ZoneOffset.UTC))
                .discoverOrCreate(fixture.request(name));
        NetnsProvider fourDaysLater = new NetnsProvider(CreationObserver.NONE,
                Clock.fixed(made.plus(Duration.ofDays(4)), ZoneOffset.UTC));
        assertEquals(Optional.of(Duration.ofDays(4)), fourDaysLater.age(fixture.request(name)));
        assertEquals(Optional.empty(), fourDaysLater.age(fixture.request(fixture.name("never"))));
    }

    private static void awaitProcessesInNamespace(String namespace, int atLeast) throws Exception {
        for (int i = 0; i < 500; i++) {
            String pids = Machine.run("ip", "netns", "pids", namespace);
            if (pids.strip().split("\n").length >= atLeast) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no session started in " + namespace);
    }
}
