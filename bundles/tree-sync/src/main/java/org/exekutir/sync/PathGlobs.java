package org.exekutir.sync;

import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java.nio.file} glob patterns over paths relative to a tree's root, {@code /}
 * separated: {@code *} stays within one name, {@code **} crosses folders, so
 * {@code dir/**} matches everything under {@code dir} (not {@code dir} itself).
 */
public final class PathGlobs {

    private final List<String> patterns;
    private final List<PathMatcher> matchers = new ArrayList<>();

    private PathGlobs(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        for (String pattern : patterns) {
            try {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid glob pattern '" + pattern + "': " + e.getMessage(), e);
            }
        }
    }

    /** @throws IllegalArgumentException naming the first invalid pattern */
    public static PathGlobs of(List<String> patterns) {
        return new PathGlobs(patterns);
    }

    public boolean isEmpty() {
        return matchers.isEmpty();
    }

    public boolean matches(String relativePath) {
        if (matchers.isEmpty() || relativePath.isEmpty()) {
            return false;
        }
        Path path;
        try {
            path = Path.of(relativePath);
        } catch (InvalidPathException e) {
            return false;
        }
        for (PathMatcher matcher : matchers) {
            if (matcher.matches(path)) {
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
        return patterns.toString();
    }
}
