package org.exekutir.sync;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.exekutir.sync.files.WorkspaceGlob;

/**
 * A set of globs over paths relative to a tree's root, in the one dialect of the runtime
 * ({@link WorkspaceGlob}: {@code *} stays within one name, {@code **} crosses folders, a
 * leading {@code **}{@code /} also matches at the top, and {@code dir/**} matches {@code dir}
 * and everything under it), as the sync's {@code excludes} and {@code protect} lists use them.
 */
public final class PathGlobs {

    private final List<WorkspaceGlob> globs = new ArrayList<>();

    private PathGlobs(List<String> patterns) {
        for (String pattern : patterns) {
            try {
                globs.add(WorkspaceGlob.of("glob pattern", pattern));
            } catch (IOException e) {
                throw new IllegalArgumentException("invalid " + e.getMessage(), e);
            }
        }
    }

    /** @throws IllegalArgumentException naming the first invalid pattern */
    public static PathGlobs of(List<String> patterns) {
        return new PathGlobs(patterns);
    }

    public boolean isEmpty() {
        return globs.isEmpty();
    }

    public boolean matches(String relativePath) {
        if (globs.isEmpty() || relativePath.isEmpty()) {
            return false;
        }
        Path path;
        try {
            path = Path.of(relativePath);
        } catch (InvalidPathException e) {
            return false;
        }
        for (WorkspaceGlob glob : globs) {
            if (glob.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the path or one of the folders above it matches */
    public boolean matchesOrUnder(String relativePath) {
        for (String path = relativePath; !path.isEmpty(); path = TreeEntry.parentOf(path)) {
            if (matches(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return globs.toString();
    }
}
