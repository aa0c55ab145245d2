package org.exekutir.transport.local.internal;

import java.nio.file.Path;

import org.exekutir.api.host.SyncOptions;
import org.exekutir.sync.CacheLocation;
import org.exekutir.sync.SyncReport;
import org.exekutir.sync.testing.SyncSemanticsTest;

/** The shared push/pull semantics, through the local transport. */
class LocalTransportSyncTest extends SyncSemanticsTest {

    private LocalTransport transport() {
        return new LocalTransport(new CacheLocation(work.resolve("cache")));
    }

    @Override
    protected SyncReport push(Path source, Path destination, SyncOptions options) throws Exception {
        return transport().sync(source, destination, options);
    }

    @Override
    protected SyncReport pull(Path source, Path destination, SyncOptions options) throws Exception {
        return transport().sync(source, destination, options);
    }
}
