package org.exekutir.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumCacheTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path folder;

    @Test
    void anEntryIsTrustedOnlyForItsKeyAndWhenReadAfterTheLastChange() {
        ChecksumCache cache = ChecksumCache.empty();
        StatKey key = new StatKey(7, 10, 100 * SECOND, 100 * SECOND + 5);
        cache.record("a", key, 101, "sum");
        assertEquals(Optional.of("sum"), cache.lookup("a", key));
        assertEquals(Optional.empty(), cache.lookup("a", new StatKey(7, 10, 100 * SECOND, 100 * SECOND + 6)),
                "a moved ctime means new content");
        assertEquals(Optional.empty(), cache.lookup("a", new StatKey(8, 10, 100 * SECOND, 100 * SECOND + 5)));
        assertEquals(Optional.empty(), cache.lookup("b", key));
    }

    @Test
    void anEntryReadInTheSecondOfTheLastChangeIsNotTrusted() {
        ChecksumCache cache = ChecksumCache.empty();
        StatKey key = new StatKey(7, 10, 100 * SECOND, 100 * SECOND + 5);
        cache.record("racy", key, 100, "sum");
        assertEquals(Optional.empty(), cache.lookup("racy", key),
                "a write later in the same clock tick could have kept the key");
    }

    @Test
    void aWrittenFileIsConfirmedByItsSizeAndACtimeInsideTheWindow() {
        ChecksumCache cache = ChecksumCache.empty();
        cache.recordWritten("w", 10, 100, 102, "sum");
        assertEquals(Optional.empty(), cache.lookup("w", new StatKey(1, 11, 0, 101 * SECOND)), "other size");
        assertEquals(Optional.empty(), cache.lookup("w", new StatKey(1, 10, 0, 103 * SECOND)), "written after the sync");
        StatKey key = new StatKey(1, 10, 0, 101 * SECOND);
        assertEquals(Optional.of("sum"), cache.lookup("w", key));
        assertEquals(Optional.of("sum"), cache.lookup("w", key), "confirmed under its key");
    }

    @Test
    void survivesSavingAndLoadingWithOddNames() throws Exception {
        ChecksumCache cache = ChecksumCache.empty();
        StatKey key = new StatKey(7, 10, 100 * SECOND, 100 * SECOND);
        cache.record("tab\there/new\nline ü", key, 200, "sum1");
        cache.recordWritten("pending\tname", 3, 1, 2, "sum2");
        cache.retainOnly(Set.of("tab\there/new\nline ü", "pending\tname"));
        Path file = folder.resolve("c.sums");
        cache.save(file);
        ChecksumCache loaded = ChecksumCache.load(file);
        assertEquals(Optional.of("sum1"), loaded.lookup("tab\there/new\nline ü", key));
        assertEquals(Optional.of("sum2"), loaded.lookup("pending\tname", new StatKey(1, 3, 0, SECOND)));
        assertEquals(0, ChecksumCache.load(folder.resolve("missing")).size());
        Files.writeString(file, "garbage");
        assertEquals(0, ChecksumCache.load(file).size(), "an unreadable cache is an empty one");
    }

    @Test
    void theCacheNeverLivesInsideTheTree() {
        CacheLocation location = new CacheLocation(folder.resolve("home/.cache/exekutir/sums"));
        assertTrue(location.fileFor(folder.resolve("home")).isEmpty());
        Path file = location.fileFor(folder.resolve("work/tree")).orElseThrow();
        assertTrue(file.startsWith(folder.resolve("home/.cache/exekutir/sums")));
        assertTrue(!file.startsWith(folder.resolve("work/tree")));
    }

    @Test
    void cachesOfTreesThatAreGoneOrUnusedForAMonthAreRemoved() throws Exception {
        Path sums = folder.resolve("sums");
        Path kept = Files.createDirectories(folder.resolve("kept"));
        Path gone = Files.createDirectories(folder.resolve("gone"));
        Path old = Files.createDirectories(folder.resolve("old"));
        CacheLocation first = new CacheLocation(sums);
        for (Path tree : List.of(kept, gone, old)) {
            ChecksumCache.empty().save(first.fileFor(tree).orElseThrow());
        }
        Files.delete(gone);
        Path oldFile = first.fileFor(old).orElseThrow();
        Files.setLastModifiedTime(oldFile, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofDays(CacheLocation.UNUSED_DAYS + 1))));
        Path keptFile = first.fileFor(kept).orElseThrow();
        Path goneFile = first.fileFor(gone).orElseThrow();

        new CacheLocation(sums).fileFor(kept); // the next process

        assertTrue(Files.exists(keptFile));
        assertTrue(!Files.exists(goneFile), "the tree is gone");
        assertTrue(!Files.exists(oldFile), "not used for a month");
        try (java.util.stream.Stream<Path> left = Files.list(sums)) {
            assertEquals(2, left.count(), "the kept tree's cache and its .tree file");
        }
    }
}
