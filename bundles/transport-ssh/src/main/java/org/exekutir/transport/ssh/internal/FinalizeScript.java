package org.exekutir.transport.ssh.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.sync.Manifest;
import org.exekutir.sync.SyncPlan;
import org.exekutir.sync.TreeEntry;

/**
 * The shell script that puts a staged push into place on the host: deletions, then one
 * {@code mv} per destination folder (each file, or each new folder with all it holds,
 * renamed over the old one: atomic per path), then modes, folders deepest first.
 * It prints the second it finished, which bounds the window of the files it wrote.
 */
final class FinalizeScript {

    /** Arguments per command line: far below any ARG_MAX. */
    private static final int BATCH = 500;

    private FinalizeScript() {
    }

    static String of(RemoteTree tree, SyncPlan plan, Manifest source, boolean rootMissing) {
        StringBuilder script = new StringBuilder("set -e\n");
        String root = tree.root();
        String staging = tree.staging();
        if (rootMissing) {
            // everything is new: the staged tree becomes the destination with one rename
            script.append("mkdir -p -- ").append(Shell.quote(staging)).append(' ').append(Shell.quote(tree.parent()))
                    .append('\n').append("mv -T -- ").append(Shell.quote(staging)).append(' ').append(Shell.quote(root))
                    .append('\n').append("chmod ").append(octal(source.get("").map(TreeEntry::mode).orElse(0755)))
                    .append(" -- ").append(Shell.quote(root)).append("\ndate +%s\n");
            return script.toString();
        }
        batched(script, "rm -rf --", plan.deletions().stream().map(p -> Shell.quote(root + "/" + p)).toList());

        Set<String> newDirs = new HashSet<>();
        plan.newDirs().forEach(d -> newDirs.add(d.path()));
        Map<String, List<String>> movesByFolder = new LinkedHashMap<>();
        for (TreeEntry dir : plan.newDirs()) {
            String parent = TreeEntry.parentOf(dir.path());
            if (!dir.path().isEmpty() && !newDirs.contains(parent)) {
                movesByFolder.computeIfAbsent(parent, k -> new ArrayList<>()).add(dir.path());
            }
        }
        for (TreeEntry file : plan.sends()) {
            String parent = TreeEntry.parentOf(file.path());
            if (!newDirs.contains(parent)) {
                movesByFolder.computeIfAbsent(parent, k -> new ArrayList<>()).add(file.path());
            }
        }
        movesByFolder.forEach((folder, paths) -> batched(script,
                "mv -f -t " + Shell.quote(folder.isEmpty() ? root : root + "/" + folder) + " --",
                paths.stream().map(p -> Shell.quote(staging + "/" + p)).toList()));

        // the modes of sent files and new folders travel in the archive; these are the others
        List<Map.Entry<String, Integer>> dirModes = new ArrayList<>();
        for (Map.Entry<String, Integer> change : plan.modeChanges().entrySet()) {
            if (source.get(change.getKey()).map(TreeEntry::isDir).orElse(false)) {
                dirModes.add(change);
            } else {
                script.append("chmod ").append(octal(change.getValue())).append(" -- ")
                        .append(Shell.quote(root + "/" + change.getKey())).append('\n');
            }
        }
        dirModes.sort(Comparator.comparing((Map.Entry<String, Integer> e) -> e.getKey().length()).reversed());
        for (Map.Entry<String, Integer> dir : dirModes) {
            script.append("chmod ").append(octal(dir.getValue())).append(" -- ")
                    .append(Shell.quote(dir.getKey().isEmpty() ? root : root + "/" + dir.getKey())).append('\n');
        }
        script.append("rm -rf -- ").append(Shell.quote(staging)).append('\n');
        script.append("date +%s\n");
        return script.toString();
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }

    private static void batched(StringBuilder script, String command, List<String> quotedArguments) {
        for (int from = 0; from < quotedArguments.size(); from += BATCH) {
            script.append(command);
            for (String argument : quotedArguments.subList(from, Math.min(quotedArguments.size(), from + BATCH))) {
                script.append(' ').append(argument);
            }
            script.append('\n');
        }
    }
}
