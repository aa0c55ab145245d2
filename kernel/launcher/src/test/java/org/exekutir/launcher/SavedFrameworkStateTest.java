package org.exekutir.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedFrameworkStateTest {

    /** Felix's records in {@link #storage}, without its lock, the run's lock, a bundle's data. */
    private static final Set<String> RECORDS = Set.of("bundle0/bundle.id", "bundle1/bundle.info",
            "bundle1/version0.0/revision.location");

    @TempDir
    Path tmp;

    @Test
    void theKeyChangesWithEveryJarAndSettingAndOnlyWithThem() throws Exception {
        Path lib = Files.writeString(tmp.resolve("felix.jar"), "framework");
        Path bundle = Files.writeString(tmp.resolve("a.jar"), "one");
        Path cache = tmp.resolve("cache");
        String key = state(cache, lib, List.of(bundle), Map.of("x", "1")).key();

        assertEquals(key, state(cache, lib, List.of(bundle), Map.of("x", "1")).key(), "the same inputs");
        assertNotEquals(key, state(cache, lib, List.of(bundle), Map.of("x", "2")).key(), "another setting");
        Path other = Files.writeString(tmp.resolve("b.jar"), "two");
        assertNotEquals(key, state(cache, lib, List.of(bundle, other), Map.of("x", "1")).key(), "one bundle more");
        Files.writeString(bundle, "ONE");
        Files.setLastModifiedTime(bundle, FileTime.from(Instant.now().plusSeconds(5)));
        assertNotEquals(key, state(cache, lib, List.of(bundle), Map.of("x", "1")).key(), "a jar replaced");
    }

    @Test
    void theFrameworksRecordsAreSavedAndRestoredWithoutLocksOrDataAreas() throws Exception {
        Path storage = storage(tmp.resolve("run1"));
        Path cache = tmp.resolve("cache");
        SavedFrameworkState state = state(cache, jar(), List.of(), Map.of());
        assertFalse(state.restoreInto(Files.createDirectories(tmp.resolve("empty"))), "nothing saved yet");

        state.saveFrom(storage);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)),
                "a state names the jars a run loads: only its user may write it");
        Path second = Files.createDirectories(tmp.resolve("run2"));
        assertTrue(state.restoreInto(second));
        assertEquals(RECORDS, files(second));
        assertEquals("reference:file:/a.jar", Files.readString(second.resolve("bundle1/version0.0/revision.location")));
    }

    @Test
    void concurrentRunsSavingOneKeyLeaveOneCompleteStateAndNoPartialCopy() throws Exception {
        Path cache = tmp.resolve("cache");
        SavedFrameworkState state = state(cache, jar(), List.of(), Map.of());
        int runs = 4;
        List<Path> storages = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            storages.add(storage(tmp.resolve("run" + i)));
        }
        CyclicBarrier together = new CyclicBarrier(runs);
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<?>> saves = new ArrayList<>();
            for (Path storage : storages) {
                saves.add(pool.submit(() -> {
                    together.await();
                    state.saveFrom(storage);
                    return null;
                }));
            }
            for (Future<?> save : saves) {
                save.get();
            }
        } finally {
            pool.shutdownNow();
        }

        try (Stream<Path> entries = Files.list(cache)) {
            assertEquals(List.of(state.key()), entries.map(path -> path.getFileName().toString()).toList());
        }
        Path restored = Files.createDirectories(tmp.resolve("restored"));
        assertTrue(state.restoreInto(restored));
        assertEquals(RECORDS, files(restored));
    }

    @Test
    void statesUnusedForAMonthAndAbandonedCopiesGoWhenANewStateIsSaved() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("cache"));
        Path unused = Files.createDirectories(cache.resolve("0123456789abcdef0123456789abcdef"));
        Files.setLastModifiedTime(unused, FileTime.from(Instant.now().minus(Duration.ofDays(31))));
        Path recent = Files.createDirectories(cache.resolve("fedcba9876543210fedcba9876543210"));
        Path abandoned = Files.createDirectories(cache.resolve("x.1234.partial"));
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        SavedFrameworkState state = state(cache, jar(), List.of(), Map.of());
        state.saveFrom(storage(tmp.resolve("run")));

        assertFalse(Files.exists(unused));
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.isDirectory(recent), "used within the month");
        assertTrue(Files.isDirectory(cache.resolve(state.key())));
    }

    @Test
    void aStorageHoldingACopiedJarIsNotSaved() throws Exception {
        Path storage = storage(tmp.resolve("run"));
        Files.write(storage.resolve("bundle1/version0.0/bundle.jar"), new byte[200 * 1024]);
        Path cache = tmp.resolve("cache");
        SavedFrameworkState state = state(cache, jar(), List.of(), Map.of());

        state.saveFrom(storage);

        assertFalse(state.restoreInto(Files.createDirectories(tmp.resolve("next"))));
        try (Stream<Path> entries = Files.list(cache)) {
            assertEquals(0, entries.count(), "no partial copy left");
        }
    }

    /** What Felix leaves in a storage after installing one bundle in place, with what must not be saved. */
    private static Path storage(Path folder) throws Exception {
        Files.createDirectories(folder.resolve("bundle1/version0.0"));
        Files.createDirectories(folder.resolve("bundle1/data"));
        Files.createDirectories(folder.resolve("bundle0"));
        Files.writeString(folder.resolve("bundle0/bundle.id"), "2");
        Files.writeString(folder.resolve("bundle1/bundle.info"), "1\nreference:file:/a.jar\n32\n1\n0\n0\n");
        Files.writeString(folder.resolve("bundle1/version0.0/revision.location"), "reference:file:/a.jar");
        Files.writeString(folder.resolve("bundle1/data/cache.bin"), "a bundle's own data");
        Files.writeString(folder.resolve("cache.lock"), "");
        Files.writeString(folder.resolve(".owner.lock"), "");
        return folder;
    }

    private Path jar() throws Exception {
        return Files.writeString(tmp.resolve("felix.jar"), "framework");
    }

    private static SavedFrameworkState state(Path cache, Path lib, List<Path> bundles, Map<String, String> settings)
            throws Exception {
        return SavedFrameworkState.of(cache, List.of(lib), bundles, settings);
    }

    private static Set<String> files(Path root) throws Exception {
        try (Stream<Path> paths = Files.walk(root)) {
            return Set.copyOf(paths.filter(Files::isRegularFile).map(path -> root.relativize(path).toString()).toList());
        }
    }
}
