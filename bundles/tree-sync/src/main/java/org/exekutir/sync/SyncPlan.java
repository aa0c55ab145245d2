package org.exekutir.sync;

import java.util.List;
import java.util.Map;

/**
 * What makes a destination equal to a source; applied in this order: deletions, new
 * folders, files, then modes (folders last, deepest first, so a read-only folder is filled
 * before it becomes read-only).
 *
 * @param deletions   destination paths to remove with all they hold: extras (with
 *                    {@code delete}) and paths whose type changes; none excluded or protected
 * @param newDirs     source folders missing at the destination, in path order
 * @param sends       source files whose content the destination lacks
 * @param modeChanges existing destination paths whose content is right but mode is not
 * @param unchanged   files already equal (content and mode)
 * @param conflicts   paths left alone because the destination protects what a change would remove
 */
public record SyncPlan(List<String> deletions, List<TreeEntry> newDirs, List<TreeEntry> sends,
        Map<String, Integer> modeChanges, int unchanged, List<String> conflicts) {

    public SyncPlan {
        deletions = List.copyOf(deletions);
        newDirs = List.copyOf(newDirs);
        sends = List.copyOf(sends);
        modeChanges = Map.copyOf(modeChanges);
        conflicts = List.copyOf(conflicts);
    }

    public long bytesToSend() {
        return sends.stream().mapToLong(TreeEntry::size).sum();
    }

    public boolean isEmpty() {
        return deletions.isEmpty() && newDirs.isEmpty() && sends.isEmpty() && modeChanges.isEmpty();
    }
}
