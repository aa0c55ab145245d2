package org.exekutir.dist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Test classes whose cases share one daemon, on a private copy of the runtime made for the class. */
abstract class DaemonPerClass {

    @TempDir
    static Path shared;
    static Daemon daemon;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startDaemon() throws IOException {
        daemon = Daemon.start(Daemon.copyRuntime(shared.resolve("home-" + UUID.randomUUID())));
    }

    @AfterAll
    static void stopDaemon() throws IOException {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }
}
