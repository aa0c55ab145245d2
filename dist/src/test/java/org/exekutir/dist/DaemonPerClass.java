package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

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

    /** Symbolic name → "STATE VERSION" of every bundle, from {@code exekutir bundle list}. */
    static Map<String, String> bundleList() {
        Exekutir.Result list = daemon.cli().run("bundle", "list");
        assertEquals(0, list.exit(), list::toString);
        return list.stdout().lines().map(line -> line.trim().split("\\s+"))
                .peek(words -> assertEquals(7, words.length, "id, state, name, version, origin, SHA-256, features: "
                        + Arrays.toString(words)))
                .collect(Collectors.toMap(words -> words[2], words -> words[1] + " " + words[3], (a, b) -> a + ", " + b));
    }

    @AfterAll
    static void stopDaemon() throws IOException {
        if (daemon != null) {
            daemon.close();
            daemon = null;
        }
    }
}
