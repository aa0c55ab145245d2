package org.exekutir.transport.ssh.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.exekutir.api.host.SyncOptions;
import org.exekutir.sync.CacheLocation;
import org.exekutir.sync.ChecksumCache;
import org.exekutir.sync.LocalChecksums;
import org.exekutir.sync.LocalTree;
import org.exekutir.sync.Md5;
import org.exekutir.sync.PathGlobs;
import org.exekutir.sync.SyncPlan;
import org.exekutir.sync.SyncPlanner;
import org.exekutir.sync.SyncReport;
import org.exekutir.sync.TreeEntry;

/**
 * One attempt at a push: list the remote tree (one round trip), checksum what may be equal
 * (one more, only when needed), stream one tar of everything to send into a staging folder
 * beside the destination, then rename it into place with one script. Until that script runs,
 * the destination is untouched; each of its renames replaces one complete file or folder.
 */
final class SshPush {

    /** Called with the bytes of content sent so far; tests use it to break a connection mid-transfer. */
    interface Progress {
        void sent(long bytes) throws IOException;
    }

    private final CacheLocation caches;
    private final Progress progress;

    SshPush(CacheLocation caches, Progress progress) {
        this.caches = caches;
        this.progress = progress;
    }

    /**
     * Starts reading the local tree while the connection is being made (a login can take
     * longer than the scan); the first attempt uses it, a retry reads the tree again.
     */
    static CompletableFuture<LocalTree.Scan> scanAhead(Path source, SyncOptions options) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return LocalTree.scanSource(source, PathGlobs.of(options.excludes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    SyncReport attempt(RemoteShell shell, Path source, String destination, SyncOptions options,
            CompletableFuture<LocalTree.Scan> ahead) throws IOException, InterruptedException {
        if (!Files.isDirectory(source)) {
            throw new PermanentFailureException("cannot push " + source + ": it is not a folder");
        }
        SyncPlanner planner = new SyncPlanner(options);
        RemoteTree remote = new RemoteTree(shell, destination);
        LocalTree.Scan local = ahead != null ? awaitScan(ahead) : LocalTree.scanSource(source, planner.excludes());
        RemoteTree.Scan there = remote.scan(false);
        if (!there.problems().isEmpty()) {
            throw new PermanentFailureException("cannot list " + destination + " on " + shell.target() + ": " + there.problems());
        }
        Optional<Path> cacheFile = caches.fileFor(source);
        ChecksumCache localCache = cacheFile.map(ChecksumCache::load).orElseGet(ChecksumCache::empty);
        LocalChecksums localSums = new LocalChecksums(source, localCache);
        int[] remoteComputed = {0};
        SyncPlan plan;
        try {
            plan = planner.plan(local.manifest(), there.manifest(), localSums, remote.checksums(there, remoteComputed));
            boolean rootMissing = there.manifest().get("").isEmpty();
            if (!plan.sends().isEmpty() || !plan.newDirs().isEmpty()) {
                stage(shell, remote, source, plan, localCache);
            }
            if (!plan.isEmpty()) {
                long finished = finish(shell, remote, plan, local, rootMissing);
                for (TreeEntry file : plan.sends()) {
                    localCache.lookup(file.path(), file.key()).ifPresent(sum -> there.cache()
                            .recordWritten(file.path(), file.size(), there.epochSecond(), finished + 1, sum));
                }
            }
            there.cache().retainOnly(local.manifest().asMap().keySet());
            remote.saveCache(there.cache());
        } finally {
            saveQuietly(localCache, cacheFile, local);
        }
        List<String> skipped = new ArrayList<>(local.skipped());
        skipped.addAll(plan.conflicts());
        int dirsCreated = plan.newDirs().size();
        return new SyncReport(plan.sends().size(), plan.bytesToSend(), plan.deletions().size(), dirsCreated,
                plan.modeChanges().size(), plan.unchanged(), localSums.computed() + remoteComputed[0], 1, skipped);
    }

    private static LocalTree.Scan awaitScan(CompletableFuture<LocalTree.Scan> ahead)
            throws IOException, InterruptedException {
        try {
            return ahead.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static void saveQuietly(ChecksumCache cache, Optional<Path> file, LocalTree.Scan scan) {
        if (file.isPresent()) {
            cache.retainOnly(scan.manifest().asMap().keySet());
            if (cache.changed()) {
                try {
                    cache.save(file.get());
                } catch (IOException e) {
                    // only slower next time
                }
            }
        }
    }

    /** Streams the plan's folders and files as one tar into a fresh staging folder on the host. */
    private void stage(RemoteShell shell, RemoteTree remote, Path source, SyncPlan plan, ChecksumCache cache)
            throws IOException, InterruptedException {
        String staging = Shell.quote(remote.staging());
        List<TreeEntry> dirs = plan.newDirs().stream().filter(d -> !d.path().isEmpty()).toList();
        long size = TarWriter.archiveSize(dirs, plan.sends());
        RemoteShell.Result result = shell.call("rm -rf -- " + staging + " && mkdir -p -- " + staging
                + " && exec tar -x -p --no-same-owner -f - -C " + staging, size, data -> {
                    TarWriter tar = new TarWriter(data);
                    for (TreeEntry dir : dirs) {
                        tar.directory(dir.path(), dir.mode(), dir.mtimeSeconds());
                    }
                    for (TreeEntry file : plan.sends()) {
                        if (Thread.interrupted()) {
                            throw new InterruptedException("push to " + shell.target() + " stopped");
                        }
                        long readSecond = System.currentTimeMillis() / 1000;
                        MessageDigest digest = Md5.digest();
                        try (InputStream in = new DigestInputStream(Files.newInputStream(source.resolve(file.path())),
                                digest)) {
                            tar.file(file.path(), file.mode(), file.size(), file.mtimeSeconds(), in);
                        }
                        cache.record(file.path(), file.key(), readSecond, Md5.hex(digest));
                        progress.sent(tar.contentBytes());
                    }
                    tar.finish();
                });
        if (result.status() != 0) {
            throw new PermanentFailureException("tar on " + shell.target() + " could not unpack into " + remote.staging() + " (exit "
                    + result.status() + "): " + result.stderr().strip());
        }
    }

    /** @return the host's clock (epoch second) when every rename was done */
    private static long finish(RemoteShell shell, RemoteTree remote, SyncPlan plan, LocalTree.Scan local,
            boolean rootMissing) throws IOException, InterruptedException {
        String script = FinalizeScript.of(remote, plan, local.manifest(), rootMissing);
        RemoteShell.Result result = shell.call(script, new byte[0]);
        if (result.status() != 0) {
            throw new PermanentFailureException("cannot put the pushed files into place in " + remote.root() + " on "
                    + shell.target() + ": " + result.stderr().strip());
        }
        String[] lines = result.stdoutText().strip().split("\n");
        return Long.parseLong(lines[lines.length - 1].strip());
    }
}
