package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporaryStorageTest {

    @TempDir
    Path tmp;

    @Test
    void theNextRunRemovesWhatDeadRunsLeftAndNothingOfTheLiving() throws Exception {
        Path own = TemporaryStorage.create(tmp);
        // a killed run's: its lock file is there, nobody holds it
        Path dead = Files.createDirectories(tmp.resolve("exekutir-kernel-dead"));
        Files.createFile(dead.resolve(".owner.lock"));
        Files.createDirectories(dead.resolve("bundle1/data"));
        Path deadVars = Files.createDirectories(tmp.resolve("exekutir-vars-" + Long.MAX_VALUE / 2 + "-x"));
        Files.writeString(deadVars.resolve("exekutir.json"), "{\"password\": \"p\"}");
        Path liveVars = Files.createDirectories(tmp.resolve("exekutir-vars-" + ProcessHandle.current().pid() + "-y"));
        Path beingMade = Files.createDirectories(tmp.resolve("exekutir-kernel-new"));
        Path oldUnlocked = Files.createDirectories(tmp.resolve("exekutir-kernel-old"));
        Files.setLastModifiedTime(oldUnlocked, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Path stranger = Files.createDirectories(tmp.resolve("someone-else"));

        List<Path> removed = TemporaryStorage.sweep(tmp, null);

        assertEquals(Set.of(dead, deadVars, oldUnlocked), Set.copyOf(removed));
        for (Path gone : removed) {
            assertFalse(Files.exists(gone), gone.toString());
        }
        for (Path kept : List.of(own, liveVars, beingMade, stranger)) {
            assertTrue(Files.exists(kept), kept + " was removed");
        }
    }
}
