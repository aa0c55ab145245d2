package org.exekutir.transport.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.exekutir.api.host.SyncOptions;
import org.exekutir.sync.CacheLocation;
import org.exekutir.sync.SyncReport;
import org.exekutir.sync.testing.SyncSemanticsTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The shared push/pull semantics through a real sshd on 127.0.0.1 (the "remote" folders are local). */
class SshTransportSyncTest extends SyncSemanticsTest {

    private static Sshd sshd;
    private SshTransport transport;

    @BeforeAll
    static void startSshd() throws Exception {
        sshd = Sshd.start();
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
    }

    private SshTransport transport() {
        if (transport == null) {
            transport = new SshTransport(new CacheLocation(work.resolve("cache")), bytes -> { });
        }
        return transport;
    }

    @AfterEach
    void everySessionIsClosed() {
        assertEquals(0, transport().openSessions(), "sessions left open");
        transport().deactivate();
    }

    @Override
    protected SyncReport push(Path source, Path destination, SyncOptions options) throws Exception {
        return transport().pushReporting(source, sshd.host(work.resolve("known_hosts")), destination.toString(), options);
    }

    @Override
    protected SyncReport pull(Path source, Path destination, SyncOptions options) throws Exception {
        return transport().pullReporting(sshd.host(work.resolve("known_hosts")), source.toString(), destination, options);
    }
}
