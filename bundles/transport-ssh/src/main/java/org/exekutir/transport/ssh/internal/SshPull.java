package org.exekutir.transport.ssh.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.host.SyncOptions;
import org.exekutir.sync.CacheLocation;
import org.exekutir.sync.ChecksumCache;
import org.exekutir.sync.LocalChecksums;
import org.exekutir.sync.LocalTree;
import org.exekutir.sync.LocalTreeWriter;
import org.exekutir.sync.SyncPlan;
import org.exekutir.sync.SyncPlanner;
import org.exekutir.sync.SyncReport;
import org.exekutir.sync.TreeEntry;

/**
 * One attempt at a pull, the mirror of {@link SshPush}: list the remote tree, plan, then one
 * tar from the host ({@code tar -c -h}: links followed) whose files are each written to a
 * temporary file in their destination folder and renamed into place.
 */
final class SshPull {

    private final CacheLocation caches;

    SshPull(CacheLocation caches) {
        this.caches = caches;
    }

    SyncReport attempt(RemoteShell shell, String source, Path destination, SyncOptions options)
            throws IOException, InterruptedException {
        if (Files.exists(destination, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
            throw new PermanentFailureException("cannot pull into " + destination + ": it exists and is not a folder");
        }
        RemoteTree remote = new RemoteTree(shell, source);
        RemoteTree.Scan there = remote.scan(true);
        if (there.manifest().get("").filter(TreeEntry::isDir).isEmpty()) {
            throw new PermanentFailureException("cannot pull " + source + " from " + shell.target() + ": it is not a folder"
                    + (there.problems().isEmpty() ? "" : " (" + there.problems() + ")"));
        }
        // like rsync: when the listing was incomplete, nothing is deleted on its account
        SyncOptions effective = there.problems().isEmpty() ? options
                : SyncOptions.of(false, options.excludes(), options.protect());
        SyncPlanner planner = new SyncPlanner(effective);
        RemoteTree.Scan filtered = new RemoteTree.Scan(withoutExcluded(there, planner), there.epochSecond(),
                there.cache(), there.problems());
        LocalTree.Scan local = LocalTree.scanDestination(destination);
        Optional<Path> cacheFile = caches.fileFor(destination);
        ChecksumCache localCache = cacheFile.map(ChecksumCache::load).orElseGet(ChecksumCache::empty);
        LocalChecksums localSums = new LocalChecksums(destination, localCache);
        int[] remoteComputed = {0};
        SyncPlan plan;
        LocalTreeWriter writer = new LocalTreeWriter(destination, localCache);
        try {
            plan = planner.plan(filtered.manifest(), local.manifest(), remote.checksums(filtered, remoteComputed), localSums);
            writer.prepare(plan, local.leftovers());
            if (!plan.sends().isEmpty()) {
                receive(shell, remote, plan, writer, there);
            }
            writer.finish(plan);
            there.cache().retainOnly(filtered.manifest().asMap().keySet());
            remote.saveCache(there.cache());
        } finally {
            if (cacheFile.isPresent()) {
                localCache.retainOnly(there.manifest().asMap().keySet());
                try {
                    if (localCache.changed()) {
                        localCache.save(cacheFile.get());
                    }
                } catch (IOException e) {
                    // only slower next time
                }
            }
        }
        List<String> skipped = new ArrayList<>(plan.conflicts());
        if (!there.problems().isEmpty()) {
            skipped.add("listing " + source + " was incomplete, so nothing was deleted: " + there.problems());
        }
        SyncReport written = writer.report(plan.unchanged(), localSums.computed() + remoteComputed[0], skipped);
        return new SyncReport(written.filesSent(), written.bytesSent(), written.deleted(), written.dirsCreated(),
                plan.modeChanges().size(), written.unchanged(), written.checksummed(), 1, written.skipped());
    }

    private static org.exekutir.sync.Manifest withoutExcluded(RemoteTree.Scan scan, SyncPlanner planner) {
        org.exekutir.sync.Manifest kept = new org.exekutir.sync.Manifest();
        for (TreeEntry entry : scan.manifest().entries()) {
            if (!planner.excludes().matchesOrUnder(entry.path())) {
                kept.add(entry);
            }
        }
        return kept;
    }

    private static void receive(RemoteShell shell, RemoteTree remote, SyncPlan plan, LocalTreeWriter writer,
            RemoteTree.Scan there) throws IOException, InterruptedException {
        Map<String, TreeEntry> wanted = new HashMap<>();
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        for (TreeEntry file : plan.sends()) {
            wanted.put(file.path(), file);
            names.writeBytes(file.path().getBytes(StandardCharsets.UTF_8));
            names.write(0);
        }
        int[] received = {0};
        RemoteShell.Result result = shell.stream("cd " + Shell.quote(remote.root())
                + " && exec tar -c -h --hard-dereference --no-recursion --null --verbatim-files-from -T - -f -",
                names.toByteArray(), output -> {
                    TarReader tar = new TarReader(output);
                    for (TarReader.Entry entry; (entry = tar.next()) != null;) {
                        if (Thread.interrupted()) {
                            throw new InterruptedException("pull from " + shell.target() + " stopped");
                        }
                        TreeEntry planned = wanted.get(entry.path());
                        if (planned == null || !entry.isFile()) {
                            continue;
                        }
                        TreeEntry actual = new TreeEntry(planned.path(), planned.type(), planned.mode(), entry.size(),
                                planned.mtimeSeconds(), planned.key());
                        String sum = writer.write(actual, tar.content());
                        if (entry.size() == planned.size()) {
                            // read after the listing, so the listing's key is safe to file it under
                            there.cache().record(planned.path(), planned.key(), there.epochSecond(), sum);
                        }
                        received[0]++;
                    }
                });
        if (result.status() != 0 || received[0] != wanted.size()) {
            throw new PermanentFailureException("tar on " + shell.target() + " sent " + received[0] + " of " + wanted.size()
                    + " files from " + remote.root() + " (exit " + result.status() + "): " + result.stderr().strip());
        }
    }
}
