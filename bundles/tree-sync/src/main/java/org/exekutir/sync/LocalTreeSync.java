package org.exekutir.sync;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.exekutir.api.host.SyncOptions;

/** Makes one local tree equal to another (both on this machine). */
public final class LocalTreeSync {

    private final CacheLocation caches;

    public LocalTreeSync(CacheLocation caches) {
        this.caches = caches;
    }

    public SyncReport sync(Path source, Path destination, SyncOptions options) throws IOException, InterruptedException {
        if (!Files.isDirectory(source)) {
            throw new IOException("cannot sync " + source + ": it is not a folder");
        }
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot sync into " + destination + ": it exists and is not a folder");
        }
        SyncPlanner planner = new SyncPlanner(options);
        LocalTree.Scan from = LocalTree.scanSource(source, planner.excludes());
        LocalTree.Scan to = LocalTree.scanDestination(destination);
        Optional<Path> fromCacheFile = caches.fileFor(source);
        Optional<Path> toCacheFile = caches.fileFor(destination);
        ChecksumCache fromCache = fromCacheFile.map(ChecksumCache::load).orElseGet(ChecksumCache::empty);
        ChecksumCache toCache = toCacheFile.map(ChecksumCache::load).orElseGet(ChecksumCache::empty);
        LocalChecksums fromSums = new LocalChecksums(source, fromCache);
        LocalChecksums toSums = new LocalChecksums(destination, toCache);
        SyncPlan plan = planner.plan(from.manifest(), to.manifest(), fromSums, toSums);

        LocalTreeWriter writer = new LocalTreeWriter(destination, toCache);
        try {
            writer.prepare(plan, to.leftovers());
            for (TreeEntry file : plan.sends()) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("sync of " + source + " to " + destination + " stopped");
                }
                try (InputStream in = Files.newInputStream(source.resolve(file.path()))) {
                    writer.write(file, in);
                }
            }
            writer.finish(plan);
        } finally {
            saveQuietly(fromCache, fromCacheFile, from.manifest());
            saveQuietly(toCache, toCacheFile, from.manifest());
        }
        List<String> skipped = new ArrayList<>(from.skipped());
        skipped.addAll(plan.conflicts());
        return writer.report(plan.unchanged(), fromSums.computed() + toSums.computed(), skipped);
    }

    /** Keeps entries of the paths that now exist on both sides; a cache that cannot be written is only slower. */
    static void saveQuietly(ChecksumCache cache, Optional<Path> file, Manifest paths) {
        if (file.isEmpty()) {
            return;
        }
        cache.retainOnly(paths.asMap().keySet().stream().collect(Collectors.toSet()));
        if (cache.changed()) {
            try {
                cache.save(file.get());
            } catch (IOException e) {
                // the next sync reads the content again
            }
        }
    }
}
