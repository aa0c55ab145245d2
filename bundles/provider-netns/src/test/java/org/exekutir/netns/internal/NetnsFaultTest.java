package org.exekutir.netns.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

import org.exekutir.api.host.HostVars;
import org.exekutir.netns.hosts.CreationObserver;
import org.exekutir.netns.hosts.HostNames;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A creation killed (kill -9) or interrupted at each point where something exists on the
 * machine: destruction still finds and removes all of it, and a new creation repairs it.
 */
class NetnsFaultTest extends NetnsTestCase {

    private Process killedAt(String stage, String name) throws Exception {
        Process creation = ChildJvm.pausedAt(stage, fixture, name);
        creation.destroyForcibly();
        assertTrue(creation.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, creation.exitValue(), "killed by SIGKILL");
        return creation;
    }

    @ParameterizedTest
    @ValueSource(strings = {CreationObserver.RECORD_WRITTEN, CreationObserver.NAMESPACE_ADDED,
            CreationObserver.LINKS_ADDED, CreationObserver.ADDRESSES_SET, CreationObserver.HOST_KEY_MADE,
            CreationObserver.SSHD_STARTED})
    void killedCreationThenDestroyLeavesNothing(String stage) throws Exception {
        String name = fixture.name("peon");
        killedAt(stage, name);
        assertTrue(fixture.provider.destroy(fixture.request(name)), "something was made before " + stage);
        fixture.assertGone(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {CreationObserver.RECORD_WRITTEN, CreationObserver.NAMESPACE_ADDED,
            CreationObserver.LINKS_ADDED, CreationObserver.ADDRESSES_SET, CreationObserver.HOST_KEY_MADE,
            CreationObserver.SSHD_STARTED})
    void killedCreationIsRepairedByTheNext(String stage) throws Exception {
        String name = fixture.name("peon");
        killedAt(stage, name);
        HostVars vars = fixture.create(name);
        Machine.Result result = fixture.ssh(vars, "ip netns identify");
        assertEquals(0, result.exitCode(), result.output());
        assertEquals(HostNames.of(name).namespace(), result.output().strip());
        assertTrue(fixture.provider.destroy(fixture.request(name)));
        fixture.assertGone(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {CreationObserver.RECORD_WRITTEN, CreationObserver.NAMESPACE_ADDED,
            CreationObserver.LINKS_ADDED, CreationObserver.ADDRESSES_SET, CreationObserver.HOST_KEY_MADE,
            CreationObserver.SSHD_STARTED})
    void interruptedCreationStopsAndDestroyLeavesNothing(String stage) throws Exception {
        String name = fixture.name("peon");
        NetnsProvider interrupting = new NetnsProvider(reached -> {
            if (reached.equals(stage)) {
                Thread.currentThread().interrupt();
            }
        }, Clock.systemUTC());
        assertThrows(InterruptedException.class, () -> interrupting.discoverOrCreate(fixture.request(name)));
        Thread.interrupted();
        assertTrue(fixture.provider.destroy(fixture.request(name)));
        fixture.assertGone(name);
    }
}
