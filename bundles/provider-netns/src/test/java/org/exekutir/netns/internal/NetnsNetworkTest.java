package org.exekutir.netns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.exekutir.api.host.HostVars;
import org.exekutir.netns.hosts.HostNames;
import org.exekutir.netns.hosts.Ipv4Range;
import org.exekutir.netns.hosts.SshBanner;
import org.junit.jupiter.api.Test;

/** Addresses, ranges and reachability: parallel creation, nested hosts, a range already in use. */
class NetnsNetworkTest extends NetnsTestCase {

    @Test
    void tenHostsCreatedInParallelGetDistinctAddressesAndAllAnswer() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            names.add(fixture.name("peon-" + i));
        }
        ExecutorService threads = Executors.newFixedThreadPool(names.size());
        try {
            List<Future<HostVars>> created = new ArrayList<>();
            for (String name : names) {
                created.add(threads.submit(() -> fixture.create(name)));
            }
            Set<String> addresses = new HashSet<>();
            Set<String> subnets = new HashSet<>();
            for (Future<HostVars> future : created) {
                HostVars vars = future.get();
                addresses.add(vars.address().orElseThrow());
                subnets.add(Integer.toString(Ipv4Range.parse(vars.address().orElseThrow(), "test").base() >>> 2));
                Machine.Result result = fixture.ssh(vars, "ip netns identify");
                assertEquals(0, result.exitCode(), result.output());
                assertEquals(vars.string("netns_namespace").orElseThrow(), result.output().strip());
            }
            assertEquals(10, addresses.size(), "distinct addresses: " + addresses);
            assertEquals(10, subnets.size(), "distinct /30s");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void hostsCreatedFromSeveralProcessesAtOnceGetDistinctAddresses() throws Exception {
        List<List<String>> batches = List.of(
                List.of(fixture.name("a-1"), fixture.name("a-2"), fixture.name("a-3")),
                List.of(fixture.name("b-1"), fixture.name("b-2"), fixture.name("b-3")),
                List.of(fixture.name("c-1"), fixture.name("c-2"), fixture.name("c-3")));
        ExecutorService threads = Executors.newFixedThreadPool(batches.size() + 3);
        try {
            List<Future<Machine.Result>> processes = new ArrayList<>();
            for (List<String> batch : batches) {
                processes.add(threads.submit(() -> ChildJvm.run(null, fixture, "create", batch.toArray(String[]::new))));
            }
            List<Future<HostVars>> here = new ArrayList<>();
            for (String name : List.of(fixture.name("d-1"), fixture.name("d-2"), fixture.name("d-3"))) {
                here.add(threads.submit(() -> fixture.create(name)));
            }
            Map<String, String> addressByHost = new HashMap<>();
            for (Future<Machine.Result> process : processes) {
                Machine.Result result = process.get();
                assertEquals(0, result.exitCode(), result.output());
                for (String line : result.output().split("\n")) {
                    String[] words = line.split(" ", 3);
                    if (words[0].equals("var") && words[2].startsWith(HostVars.ADDRESS + "=")) {
                        addressByHost.put(words[1], words[2].substring(HostVars.ADDRESS.length() + 1));
                    }
                }
            }
            for (int i = 0; i < here.size(); i++) {
                addressByHost.put("d-" + i, here.get(i).get().address().orElseThrow());
            }
            assertEquals(12, addressByHost.size(), addressByHost.toString());
            assertEquals(12, new HashSet<>(addressByHost.values()).size(), "distinct: " + addressByHost);
            for (String address : addressByHost.values()) {
                assertTrue(SshBanner.answers(address), address + " answers");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aRangeAlreadyRoutedIsRefusedNamingTheRoute() throws Exception {
        // A namespace of the test's own stands for a machine where someone else uses 10.215.7.0/24.
        String machine = fixture.ownNamespace();
        String other = "xa" + fixture.id;
        Machine.run("ip", "-n", machine, "link", "add", other, "type", "veth", "peer", "name", "xb" + fixture.id);
        Machine.run("ip", "-n", machine, "address", "add", "10.215.7.1/24", "dev", other);
        Machine.run("ip", "-n", machine, "link", "set", "dev", other, "up");
        String name = fixture.name("kommandir");

        Machine.Result refused = ChildJvm.runInRange(machine, fixture, "10.215.0.0/16", "create", name);

        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("netns_range 10.215.0.0/16 is already routed"), refused.output());
        assertTrue(refused.output().contains("10.215.7.0/24 dev " + other), refused.output());
        assertFalse(Files.exists(fixture.folder(name)), "nothing made");
        assertFalse(Machine.namespaces().contains(HostNames.of(name).namespace()), "nothing made");

        // a range nobody routes there works in the same namespace
        Machine.Result made = ChildJvm.runInRange(machine, fixture, "10.216.0.0/16", "create", name);
        assertEquals(0, made.exitCode(), made.output());
        assertTrue(made.output().contains(HostVars.ADDRESS + "=10.216.0.2"), made.output());
        assertEquals(0, ChildJvm.runInRange(machine, fixture, "10.216.0.0/16", "destroy", name).exitCode());
        fixture.assertGone(name);
    }

    @Test
    void aPeonMadeFromInsideTheKommandirIsReachableOnlyFromThere() throws Exception {
        String kommandirName = fixture.name("kommandir");
        HostVars kommandir = fixture.create(kommandirName);
        String kommandirNamespace = kommandir.string("netns_namespace").orElseThrow();
        String peonName = fixture.name("peon-1");

        // the provider runs inside the kommandir's namespace, as a kommandir's exekutir does
        Machine.Result made = ChildJvm.run(kommandirNamespace, fixture, "create", peonName);
        assertEquals(0, made.exitCode(), made.output());
        HostNames peon = HostNames.of(peonName);
        String peonAddress = made.output().lines().filter(l -> l.startsWith("var " + peonName + " " + HostVars.ADDRESS + "="))
                .findFirst().orElseThrow().split("=")[1];
        assertNotEquals(kommandir.address().orElseThrow(), peonAddress);

        // from the kommandir: ssh works and lands in the peon's namespace
        List<String> ssh = new ArrayList<>(List.of(fixture.sshCommand(HostVars.of("peon", Map.of(
                HostVars.ADDRESS, peonAddress, HostVars.PORT, 22, HostVars.USER, "root")), "ip netns identify")));
        Machine.Result fromKommandir = Machine.attempt(Machine.in(kommandirNamespace, ssh.toArray(String[]::new)));
        assertEquals(0, fromKommandir.exitCode(), fromKommandir.output());
        assertEquals(peon.namespace(), fromKommandir.output().strip());
        assertTrue(Machine.run(Machine.in(kommandirNamespace, "ip", "-o", "link", "show")).contains(peon.outerLink()));

        // from the machine's own namespace: no link, no route, no answer
        assertFalse(Machine.links().contains(peon.outerLink()));
        String routeFromMachine = Machine.run("ip", "route", "get", peonAddress);
        assertFalse(routeFromMachine.contains(HostNames.LINK_PREFIX), routeFromMachine);
        Machine.Result sshFromMachine = Machine.attempt(ssh.toArray(String[]::new));
        assertNotEquals(0, sshFromMachine.exitCode(), "ssh from the machine's namespace reached the peon");
        assertFalse(sshFromMachine.output().contains(peon.namespace()), sshFromMachine.output());
        // and the peon cannot reach past its link: not the machine's end of the kommandir's link
        String machineEnd = Ipv4Range.parse(kommandir.address().orElseThrow(), "test").address(-1);
        Machine.Result route = Machine.attempt(Machine.in(peon.namespace(), "ip", "route", "get", machineEnd));
        assertTrue(route.exitCode() != 0 && route.output().contains("unreachable"), route.output());

        Machine.Result destroyed = ChildJvm.run(kommandirNamespace, fixture, "destroy", peonName);
        assertEquals(0, destroyed.exitCode(), destroyed.output());
        assertTrue(destroyed.output().contains("destroyed " + peonName + " true"), destroyed.output());
        fixture.assertGone(peonName);
        assertFalse(Machine.run(Machine.in(kommandirNamespace, "ip", "-o", "link", "show")).contains(peon.outerLink()));
    }
}
