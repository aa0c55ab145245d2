package org.exekutir.sync.files;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's one glob dialect (the patterns pruner's {@code prune_patterns}, the sync's
 * {@code excludes} and {@code protect} through {@code org.exekutir.sync.PathGlobs}): a {@code java.nio.file}
 * glob over a path relative to the workspace, {@code /} separated (the contract's syntax),
 * with two conveniences rsync and {@code .gitignore} users expect:
 * a leading {@code **}{@code /} also matches at the top ({@code **}{@code /*.retry} matches
 * {@code site.retry}), and a trailing {@code /**} also matches the folder itself (so
 * {@code **}{@code /__pycache__/**} removes the folder, not only what is in it).
 */
public final class WorkspaceGlob {

    private final String pattern;
    private final List<PathMatcher> matchers = new ArrayList<>();

    private WorkspaceGlob(String pattern) {
        this.pattern = pattern;
    }

    /** @throws IOException naming the setting when the pattern is no glob or reaches outside the workspace */
    public static WorkspaceGlob of(String setting, String pattern) throws IOException {
        String glob = pattern == null ? "" : pattern.strip();
        if (glob.isEmpty() || glob.startsWith("/") || List.of(glob.split("/")).contains("..")) {
            throw new IOException(setting + ": '" + pattern + "' is not a glob relative to the workspace");
        }
        WorkspaceGlob result = new WorkspaceGlob(glob);
        try {
            result.add(glob);
            if (glob.startsWith("**/")) {
                result.add(glob.substring(3));
            }
            if (glob.endsWith("/**")) {
                result.add(glob.substring(0, glob.length() - 3));
                if (glob.startsWith("**/") && glob.length() > 6) {
                    result.add(glob.substring(3, glob.length() - 3));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(setting + ": '" + pattern + "' is not a valid glob: " + e.getMessage().lines().findFirst().orElse(""));
        }
        return result;
    }

    private void add(String glob) {
        if (!glob.isEmpty()) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        }
    }

    public boolean matches(Path relative) {
        return matchers.stream().anyMatch(matcher -> matcher.matches(relative));
    }

    @Override
    public String toString() {
        return pattern;
    }
}
