package org.exekutir.netns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import org.exekutir.api.host.HostVars;
import org.exekutir.netns.hosts.HostNames;
import org.exekutir.netns.hosts.SshBanner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A host broken from outside is repaired by the next creation: same address, same host key. */
class NetnsRepairTest extends NetnsTestCase {

    private String name;
    private HostNames names;
    private HostVars made;

    /** Runs after the base class made the fixture. */
    @BeforeEach
    void makeHost() throws Exception {
        name = fixture.name("kommandir");
        names = HostNames.of(name);
        made = fixture.create(name);
        assertEquals(0, fixture.ssh(made, "true").exitCode(), "the host works before it is broken");
    }

    private void assertRepaired() throws Exception {
        HostVars again = fixture.create(name);
        assertEquals(made, again);
        // known_hosts already holds the host's key from before: a new key would be refused
        Machine.Result result = fixture.ssh(again, "ip netns identify");
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(names.namespace(), result.output().strip());
        assertEquals(1, Machine.namespaces().stream().filter(names.namespace()::equals).count());
    }

    private long sshdPid() throws Exception {
        return Long.parseLong(Files.readString(fixture.folder(name).resolve("sshd/sshd.pid")).strip());
    }

    @Test
    void sshdKilled() throws Exception {
        Machine.run("kill", "-9", Long.toString(sshdPid()));
        awaitNoAnswer();
        assertRepaired();
    }

    @Test
    void sshdKilledAndItsPidFileGone() throws Exception {
        long pid = sshdPid();
        Machine.run("kill", "-9", Long.toString(pid));
        Files.delete(fixture.folder(name).resolve("sshd/sshd.pid"));
        awaitNoAnswer();
        assertRepaired();
        assertNotEquals(pid, sshdPid());
    }

    @Test
    void namespaceDeleted() throws Exception {
        for (String pid : Machine.run("ip", "netns", "pids", names.namespace()).split("\n")) {
            if (!pid.isBlank()) {
                Machine.run("kill", "-9", pid.strip());
            }
        }
        Machine.run("ip", "netns", "delete", names.namespace());
        assertRepaired();
    }

    @Test
    void linkDeleted() throws Exception {
        Machine.run("ip", "link", "delete", names.outerLink());
        assertRepaired();
    }

    @Test
    void folderDeletedWhileTheNamespaceLives() throws Exception {
        org.exekutir.sync.files.Folders.deleteRecursively(fixture.folder(name));
        HostVars again = fixture.create(name);
        // the record was lost with the folder: the host is made anew, with a new host key
        Files.delete(fixture.workspace.resolve("ssh/known_hosts"));
        Machine.Result result = fixture.ssh(again, "ip netns identify");
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(1, Machine.namespaces().stream().filter(names.namespace()::equals).count());
        assertTrue(Machine.processesMentioning(fixture.folder(name).toString()).size() >= 1);
    }

    /** The broken host stops answering (the kill took), else the repair would prove nothing. */
    private void awaitNoAnswer() throws Exception {
        String address = made.address().orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (SshBanner.answers(address)) {
            assertTrue(System.nanoTime() < deadline, "the killed sshd of " + address + " still answers after 10 s");
            Thread.sleep(10);
        }
    }
}
