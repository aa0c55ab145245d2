package org.exekutir.sync.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.exekutir.api.host.SyncOptions;
import org.exekutir.sync.SyncReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every transport's push and pull must do, checked against what
 * {@code rsync -a --copy-links --delete --checksum} makes of the same trees: paths, types,
 * contents and modes equal. A transport's test extends this and says how to push and pull
 * (the "remote" side is a folder on this machine, reached through the transport).
 */
public abstract class SyncSemanticsTest {

    protected static final SyncOptions MIRROR = SyncOptions.of(true, List.of(), List.of());

    @TempDir
    protected Path work;

    /** Makes {@code destination} (the remote side) equal to {@code source} (local). */
    protected abstract SyncReport push(Path source, Path destination, SyncOptions options) throws Exception;

    /** Makes {@code destination} (local) equal to {@code source} (the remote side). */
    protected abstract SyncReport pull(Path source, Path destination, SyncOptions options) throws Exception;

    private interface Sync {
        SyncReport run(Path source, Path destination, SyncOptions options) throws Exception;
    }

    @Test
    void pushMakesWhatRsyncMakes() throws Exception {
        syncMatchesRsync(this::push);
    }

    @Test
    void pullMakesWhatRsyncMakes() throws Exception {
        syncMatchesRsync(this::pull);
    }

    private void syncMatchesRsync(Sync sync) throws Exception {
        Path source = work.resolve("source");
        Path expected = work.resolve("expected");
        Path actual = work.resolve("actual");
        Trees.rich(source, work.resolve("outside"));

        Trees.rsync(source, expected);
        SyncReport first = sync.run(source, actual, MIRROR);
        assertEquals(Trees.describe(expected), Trees.describe(actual), "first sync of a new tree");
        assertTrue(first.filesSent() > 10, first.toString());

        Trees.mutate(source);
        Trees.addExtras(expected);
        Trees.addExtras(actual);
        Trees.rsync(source, expected);
        SyncReport second = sync.run(source, actual, MIRROR);
        assertEquals(Trees.describe(expected), Trees.describe(actual), "sync after changes of every kind");
        // a.txt (same size, same clock) and link-to-file (its copy), blob.bin, empty, empty.txt/inside, new/dir/file.txt
        assertEquals(6, second.filesSent(), second.toString());
        assertTrue(second.deleted() >= 4, second.toString());

        SyncReport third = sync.run(source, actual, MIRROR);
        assertEquals(Trees.describe(expected), Trees.describe(actual));
        assertEquals(0, third.filesSent(), "a no-change re-sync sends nothing: " + third);
        assertEquals(0, third.bytesSent(), third.toString());
        assertEquals(0, third.deleted() + third.dirsCreated() + third.modesChanged(), third.toString());
        assertNoTemporaryFiles(actual);
    }

    @Test
    void tenThousandSmallFilesBothWays() throws Exception {
        Path source = work.resolve("source");
        Path expected = work.resolve("expected");
        Path remote = work.resolve("remote");
        Path back = work.resolve("back");
        Trees.many(source, 10_000);
        Trees.rsync(source, expected);

        SyncReport pushed = push(source, remote, MIRROR);
        assertEquals(10_000, pushed.filesSent());
        assertEquals(Trees.describe(expected), Trees.describe(remote));
        SyncReport again = push(source, remote, MIRROR);
        assertEquals(0, again.filesSent(), again.toString());
        assertEquals(0, again.bytesSent(), again.toString());

        SyncReport pulled = pull(remote, back, MIRROR);
        assertEquals(10_000, pulled.filesSent());
        assertEquals(Trees.describe(expected), Trees.describe(back));
        assertEquals(0, pull(remote, back, MIRROR).filesSent());
    }

    @Test
    void pushKeepsExcludedAndProtectedPaths() throws Exception {
        excludesAndProtect(this::push);
    }

    @Test
    void pullKeepsExcludedAndProtectedPaths() throws Exception {
        excludesAndProtect(this::pull);
    }

    private void excludesAndProtect(Sync sync) throws Exception {
        Path source = work.resolve("source");
        Path destination = work.resolve("destination");
        Trees.write(source, "keep.txt", "kept", "rw-r--r--");
        Trees.write(source, "lib/cds/new.jsa", "never sent", "rw-r--r--");
        Trees.write(source, "deploy/x.jar", "never sent", "rw-r--r--");
        Trees.write(source, "ssh/known_hosts", "the source's version", "rw-------");
        Trees.write(source, "ssh/new_file", "created: protection keeps what exists", "rw-------");
        Trees.write(destination, "lib/cds/old.jsa", "excluded: never deleted", "rw-r--r--");
        Trees.write(destination, "deploy/y.jar", "excluded: never deleted", "rw-r--r--");
        Trees.write(destination, "ssh/known_hosts", "the destination's version", "rw-------");
        Trees.write(destination, "cache/c.bin", "protected: never deleted", "rw-r--r--");
        Trees.write(destination, "extra/file.txt", "deleted", "rw-r--r--");

        SyncReport report = sync.run(source, destination,
                SyncOptions.of(true, List.of("lib/cds/**", "deploy/**"), List.of("ssh/**", "cache/**")));

        assertEquals("kept", Files.readString(destination.resolve("keep.txt")));
        assertFalse(Files.exists(destination.resolve("lib/cds/new.jsa")), "an excluded path is never sent");
        assertFalse(Files.exists(destination.resolve("deploy/x.jar")), "an excluded path is never sent");
        assertEquals("excluded: never deleted", Files.readString(destination.resolve("lib/cds/old.jsa")));
        assertEquals("excluded: never deleted", Files.readString(destination.resolve("deploy/y.jar")));
        assertEquals("the destination's version", Files.readString(destination.resolve("ssh/known_hosts")),
                "a protected path is never overwritten");
        assertTrue(Files.exists(destination.resolve("ssh/new_file")));
        assertEquals("protected: never deleted", Files.readString(destination.resolve("cache/c.bin")));
        assertFalse(Files.exists(destination.resolve("extra")), "what the source lacks is deleted");
        assertEquals(0, sync.run(source, destination,
                SyncOptions.of(true, List.of("lib/cds/**", "deploy/**"), List.of("ssh/**", "cache/**"))).filesSent(),
                report.toString());
    }

    @Test
    void withoutDeleteExtrasStay() throws Exception {
        Path source = work.resolve("source");
        Path destination = work.resolve("destination");
        Trees.write(source, "a.txt", "a", "rw-r--r--");
        Trees.addExtras(destination);
        push(source, destination, SyncOptions.of(false, List.of(), List.of()));
        assertEquals("a", Files.readString(destination.resolve("a.txt")));
        assertTrue(Files.exists(destination.resolve("extra.txt")));
        assertTrue(Files.exists(destination.resolve("extradir/x/y.txt")));
    }

    @Test
    void leftoversOfAnInterruptedSyncAreRemoved() throws Exception {
        Path source = work.resolve("source");
        Path destination = work.resolve("destination");
        Trees.write(source, "a.txt", "a", "rw-r--r--");
        Trees.write(destination, "sub/.a.txt.1234.exekutir-part", "half a fi", "rw-r--r--");
        pull(source, destination, SyncOptions.of(false, List.of(), List.of()));
        assertNoTemporaryFiles(destination);
        assertEquals("a", Files.readString(destination.resolve("a.txt")));
    }

    protected static void assertNoTemporaryFiles(Path tree) throws IOException {
        try (Stream<Path> all = Files.walk(tree)) {
            List<Path> parts = all.filter(p -> p.getFileName().toString().endsWith(".exekutir-part")).toList();
            assertEquals(List.of(), parts, "temporary files left behind");
        }
    }
}
