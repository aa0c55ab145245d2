package org.exekutir.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.exekutir.api.host.SyncOptions;
import org.junit.jupiter.api.Test;

class SyncPlannerTest {

    private static TreeEntry file(String path, long size) {
        return new TreeEntry(path, EntryType.FILE, 0644, size, 0, null);
    }

    private static TreeEntry dir(String path) {
        return new TreeEntry(path, EntryType.DIR, 0755, 0, 0, null);
    }

    /** Checksums from a map, remembering which files were asked. */
    private static final class Sums implements Checksums {
        final Map<String, String> sums = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        public Map<String, String> of(List<TreeEntry> files) {
            files.forEach(f -> asked.add(f.path()));
            return sums;
        }
    }

    @Test
    void onlyFilesOfEqualSizeAreChecksummedAndEqualSumsAreNotSent() throws Exception {
        Manifest source = new Manifest().add(dir("")).add(file("same", 3)).add(file("changed", 3)).add(file("longer", 4))
                .add(file("new", 1));
        Manifest destination = new Manifest().add(dir("")).add(file("same", 3)).add(file("changed", 3))
                .add(file("longer", 3));
        Sums ours = new Sums();
        Sums theirs = new Sums();
        ours.sums.putAll(Map.of("same", "s", "changed", "a"));
        theirs.sums.putAll(Map.of("same", "s", "changed", "b"));
        SyncPlan plan = new SyncPlanner(SyncOptions.of(true, List.of(), List.of())).plan(source, destination, ours, theirs);
        assertEquals(List.of("changed", "longer", "new"), plan.sends().stream().map(TreeEntry::path).sorted().toList());
        assertEquals(List.of("changed", "same"), ours.asked.stream().sorted().toList());
        assertEquals(1, plan.unchanged());
    }

    @Test
    void aFolderHoldingProtectedPathsIsNeverRemovedWhole() throws Exception {
        Manifest source = new Manifest().add(dir("")).add(file("ssh", 1)).add(dir("keep")).add(file("keep/p/q", 1));
        Manifest destination = new Manifest().add(dir("")).add(dir("ssh")).add(file("ssh/key", 1)).add(dir("old"))
                .add(file("old/x", 1)).add(dir("keep")).add(dir("keep/p")).add(dir("keep/p/q")).add(file("keep/p/q/r", 1))
                .add(file("keep/gone", 1));
        SyncPlan plan = new SyncPlanner(SyncOptions.of(true, List.of(), List.of("ssh/**", "keep/p/q/r")))
                .plan(source, destination, new Sums(), new Sums());
        assertEquals(List.of("keep/gone", "old"), plan.deletions().stream().sorted().toList());
        assertTrue(plan.sends().isEmpty(), "neither file replaces a protected folder, nor one holding protected paths: "
                + plan.sends());
        assertEquals(1, plan.conflicts().size(), "ssh/** protects ssh itself; keep/p/q holds a protected path: "
                + plan.conflicts());
    }
}
