package org.exekutir.netns.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;

import org.exekutir.netns.hosts.HostNames;
import org.exekutir.netns.hosts.HostRecord;
import org.exekutir.netns.hosts.Ipv4Range;
import org.exekutir.netns.hosts.NetnsException;
import org.exekutir.netns.hosts.NetnsSettings;
import org.exekutir.netns.hosts.RangeGuard;
import org.exekutir.netns.hosts.Route;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's pure parts: ranges, names, routes, settings, the record. */
class NetnsPartsTest {

    @TempDir
    Path folder;

    @Test
    void rangesParseOverlapAndSplitIntoSlash30s() throws Exception {
        Ipv4Range range = Ipv4Range.parse("10.213.0.0/16", "netns_range");
        assertEquals("10.213.0.0/16", range.toString());
        assertEquals(16384, range.hostSubnets());
        assertEquals("10.213.0.4/30", range.hostSubnet(1).toString());
        assertEquals("10.213.255.252/30", range.hostSubnet(16383).toString());
        assertEquals("10.213.0.6", range.hostSubnet(1).address(2));
        assertTrue(range.overlaps(Ipv4Range.parse("10.0.0.0/8", "t")));
        assertTrue(range.overlaps(Ipv4Range.parse("10.213.9.7", "t")));
        assertFalse(range.overlaps(Ipv4Range.parse("10.214.0.0/16", "t")));
        assertFalse(range.hostSubnet(0).overlaps(range.hostSubnet(1)));
        assertEquals("192.168.255.255", Ipv4Range.parse("192.168.255.255", "t").address(0));
    }

    @Test
    void aBadRangeIsNamedWithTheSetting() {
        NetnsException notCidr = assertThrows(NetnsException.class, () -> Ipv4Range.parse("10.213.0/16", "netns_range"));
        assertEquals("netns_range: '10.213.0/16' is not an IPv4 range like 10.213.0.0/16", notCidr.getMessage());
        assertThrows(NetnsException.class, () -> Ipv4Range.parse("10.213.0.0/33", "netns_range"));
        assertThrows(NetnsException.class, () -> Ipv4Range.parse("10.256.0.0/16", "netns_range"));
        NetnsException hostBits = assertThrows(NetnsException.class, () -> Ipv4Range.parse("10.213.0.1/16", "netns_range"));
        assertTrue(hostBits.getMessage().contains("did you mean 10.213.0.0/16?"), hostBits.getMessage());
    }

    @Test
    void settingsHaveDefaultsAndRefuseNonsense() throws Exception {
        NetnsSettings defaults = NetnsSettings.from(Map.of());
        assertEquals("10.213.0.0/16", defaults.range().toString());
        assertEquals(Path.of("/var/tmp/exekutir-netns"), defaults.root());
        NetnsSettings set = NetnsSettings.from(Map.of("netns_range", "172.31.8.0/22", "netns_root", "/srv/hosts/"));
        assertEquals("172.31.8.0/22", set.range().toString());
        assertEquals(Path.of("/srv/hosts"), set.root());
        assertTrue(assertThrows(NetnsException.class, () -> NetnsSettings.from(Map.of("netns_root", "hosts")))
                .getMessage().contains("netns_root: 'hosts' is not an absolute folder"));
        assertTrue(assertThrows(NetnsException.class, () -> NetnsSettings.from(Map.of("netns_root", "/var/my hosts")))
                .getMessage().contains("must not contain spaces"));
        assertTrue(assertThrows(NetnsException.class, () -> NetnsSettings.from(Map.of("netns_range", "10.0.0.0/31")))
                .getMessage().contains("too small"));
    }

    @Test
    void namesComeFromTheRequestNameAndLinksFitFifteenCharacters() throws Exception {
        String request = "3f2a9c1e-58b4-4e7a-9f55-2b0c3f1f9d11-peon-12";
        HostNames names = HostNames.of(request);
        assertEquals(request, names.folder());
        assertEquals("exekutir-" + request, names.namespace());
        assertEquals(15, names.outerLink().length());
        assertEquals(15, names.innerLink().length());
        assertTrue(names.outerLink().startsWith(HostNames.LINK_PREFIX));
        assertEquals(names, HostNames.of(request), "the same name gives the same parts, in any run");
        assertNotEquals(names.outerLink(), HostNames.of(request.replace("peon-12", "peon-13")).outerLink());
        HostNames odd = HostNames.of("../job 7/peon");
        assertFalse(odd.folder().contains("/"), odd.folder());
        assertFalse(odd.folder().startsWith("."), odd.folder());
        assertNotEquals(HostNames.of("a b").folder(), HostNames.of("a_b").folder(), "cleaned names stay apart");
        assertThrows(NetnsException.class, () -> HostNames.of(" "));
    }

    @Test
    void routesAreReadAsIpPrintsThem() throws Exception {
        Route local = Route.parse("local 10.214.0.1 dev exk0123456789ao table local proto kernel scope host src 10.214.0.1");
        assertEquals(Optional.of(Ipv4Range.parse("10.214.0.1/32", "t")), local.destination());
        assertEquals(Optional.of("exk0123456789ao"), local.device());
        Route unreachable = Route.parse("unreachable 10.213.5.0/24");
        assertEquals(Optional.empty(), unreachable.device());
        assertEquals(Optional.empty(), Route.parse("default via 192.0.2.1 dev eth0").destination());
    }

    @Test
    void theGuardRefusesRoutesOfOthersOnly() throws Exception {
        Ipv4Range range = Ipv4Range.parse("10.213.0.0/16", "netns_range");
        assertDoesNotThrow(() -> RangeGuard.check(range, Route.parseAll("""
                default via 192.0.2.1 dev eth0
                192.0.2.0/24 dev eth0 proto kernel scope link src 192.0.2.2
                10.213.0.0/30 dev exk0123456789ao proto kernel scope link src 10.213.0.1
                local 10.213.0.1 dev exk0123456789ao table local proto kernel scope host src 10.213.0.1
                """)));
        NetnsException wider = assertThrows(NetnsException.class,
                () -> RangeGuard.check(range, Route.parseAll("10.0.0.0/8 via 192.0.2.9 dev eth0\n")));
        assertTrue(wider.getMessage().contains("netns_range 10.213.0.0/16 is already routed on this machine by"
                + " '10.0.0.0/8 via 192.0.2.9 dev eth0'"), wider.getMessage());
        assertThrows(NetnsException.class, () -> RangeGuard.check(range, Route.parseAll("blackhole 10.213.77.0/24\n")));
    }

    /** The repair race: a deleted namespace's veth is removed a moment later, named by its index meanwhile. */
    @Test
    void aRouteOnALinkBeingRemovedIsWaitedOutNotTakenForAStrangers() throws Exception {
        Ipv4Range range = Ipv4Range.parse("10.214.0.0/16", "netns_range");
        List<Route> dying = Route.parseAll("local 10.214.0.1 dev if162 table local proto kernel scope host src 10.214.0.1\n");
        assertTrue(RangeGuard.isVanishing(range, dying));
        assertFalse(RangeGuard.isVanishing(range, Route.parseAll("10.214.0.0/24 dev eth0\n")), "a stranger's");
        assertFalse(RangeGuard.isVanishing(range, Route.parseAll("10.9.0.0/24 dev if7\n")), "outside the range");
    }

    @Test
    void theRecordIsWrittenWholeAndReadBack() throws Exception {
        HostNames names = HostNames.of("job-kommandir");
        HostRecord record = HostRecord.fresh(names, Instant.parse("2026-11-27T03:00:00Z"),
                Ipv4Range.parse("10.213.0.8/30", "t"));
        record.write(folder);
        assertEquals(Optional.of(record), HostRecord.read(folder));
        assertEquals("10.213.0.9", record.outerAddress());
        assertEquals("10.213.0.10", record.hostAddress());
        String text = Files.readString(folder.resolve(HostRecord.FILE_NAME));
        assertTrue(text.contains("host_address=10.213.0.10\n"), text);
        assertFalse(Files.exists(folder.resolve(HostRecord.FILE_NAME + ".new")));
        Files.writeString(folder.resolve(HostRecord.FILE_NAME), "request=x\n");
        assertEquals(Optional.empty(), HostRecord.read(folder), "a record that cannot be read is none");
    }
}
