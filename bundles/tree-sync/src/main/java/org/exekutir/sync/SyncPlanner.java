package org.exekutir.sync;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.exekutir.api.host.SyncOptions;

/**
 * Compares a source and a destination manifest (rsync {@code -a --copy-links --checksum}
 * semantics): a file is sent when the destination lacks it, its size differs, or its
 * checksum differs; checksums are asked only for files of equal size on both sides.
 * Excluded paths are never sent nor deleted; protected paths are never overwritten nor
 * deleted; a folder holding either is never removed as a whole.
 */
public final class SyncPlanner {

    private final PathGlobs excludes;
    private final PathGlobs protect;
    private final boolean delete;

    public SyncPlanner(SyncOptions options) {
        this.excludes = PathGlobs.of(options.excludes());
        this.protect = PathGlobs.of(options.protect());
        this.delete = options.delete();
    }

    public PathGlobs excludes() {
        return excludes;
    }

    public SyncPlan plan(Manifest source, Manifest destination, Checksums sourceSums, Checksums destinationSums)
            throws IOException, InterruptedException {
        Set<String> pinned = pinnedPaths(destination);
        List<String> deletions = new ArrayList<>();
        List<TreeEntry> newDirs = new ArrayList<>();
        List<TreeEntry> sends = new ArrayList<>();
        Map<String, Integer> modes = new LinkedHashMap<>();
        List<String> conflicts = new ArrayList<>();
        List<TreeEntry> toCompare = new ArrayList<>();
        Set<String> removedWhole = new HashSet<>();

        for (TreeEntry s : source.entries()) {
            if (excludes.matchesOrUnder(s.path())) {
                continue;
            }
            TreeEntry d = destination.get(s.path()).filter(e -> !underAny(e.path(), removedWhole)).orElse(null);
            boolean owned = protect.matches(s.path());
            if (d != null && owned) {
                continue;
            }
            if (d != null && d.type() != s.type()) {
                if (pinned.contains(d.path())) {
                    conflicts.add(s.path() + ": the destination's folder holds protected or excluded paths");
                    continue;
                }
                deletions.add(d.path());
                removedWhole.add(d.path());
                d = null;
            }
            if (d == null) {
                (s.isDir() ? newDirs : sends).add(s);
            } else if (s.isDir()) {
                if (s.mode() != d.mode()) {
                    modes.put(s.path(), s.mode());
                }
            } else if (s.size() != d.size()) {
                sends.add(s);
            } else {
                toCompare.add(s);
            }
        }
        int unchanged = compare(toCompare, destination, sourceSums, destinationSums, sends, modes);
        if (delete) {
            planDeletions(source, destination, pinned, removedWhole, deletions);
        }
        return new SyncPlan(deletions, newDirs, sends, modes, unchanged, conflicts);
    }

    private static int compare(List<TreeEntry> candidates, Manifest destination, Checksums sourceSums,
            Checksums destinationSums, List<TreeEntry> sends, Map<String, Integer> modes)
            throws IOException, InterruptedException {
        if (candidates.isEmpty()) {
            return 0;
        }
        List<TreeEntry> destinationFiles = candidates.stream().map(s -> destination.get(s.path()).orElseThrow()).toList();
        Map<String, String> ours = sourceSums.of(candidates);
        Map<String, String> theirs = destinationSums.of(destinationFiles);
        int unchanged = 0;
        for (TreeEntry s : candidates) {
            String sum = ours.get(s.path());
            if (sum == null || !Objects.equals(sum, theirs.get(s.path()))) {
                sends.add(s);
            } else if (s.mode() != destination.get(s.path()).orElseThrow().mode()) {
                modes.put(s.path(), s.mode());
            } else {
                unchanged++;
            }
        }
        return unchanged;
    }

    private void planDeletions(Manifest source, Manifest destination, Set<String> pinned, Set<String> removedWhole,
            List<String> deletions) {
        for (TreeEntry d : destination.entries()) {
            String path = d.path();
            boolean alreadyGone = removedWhole.contains(path) || underAny(path, removedWhole);
            if (!path.isEmpty() && !alreadyGone && !pinned.contains(path) && source.get(path).isEmpty()) {
                deletions.add(path);
                removedWhole.add(path);
            }
        }
    }

    /** Destination paths that must stay: excluded or protected ones and every folder above them. */
    private Set<String> pinnedPaths(Manifest destination) {
        Set<String> pinned = new HashSet<>();
        if (excludes.isEmpty() && protect.isEmpty()) {
            return pinned;
        }
        for (TreeEntry d : destination.entries()) {
            if (excludes.matchesOrUnder(d.path()) || protect.matches(d.path())) {
                for (String p = d.path(); !p.isEmpty() && pinned.add(p); p = TreeEntry.parentOf(p)) {
                    // every folder up to the root is pinned
                }
            }
        }
        return pinned;
    }

    /** @return whether {@code path} is strictly inside one of {@code folders} */
    private static boolean underAny(String path, Set<String> folders) {
        if (folders.isEmpty()) {
            return false;
        }
        for (String p = TreeEntry.parentOf(path); !p.isEmpty(); p = TreeEntry.parentOf(p)) {
            if (folders.contains(p)) {
                return true;
            }
        }
        return false;
    }
}
