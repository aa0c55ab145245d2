package org.exekutir.engine.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths resolved as {@code adept.py} resolves them ({@code os.path.realpath}): symbolic links
 * first, then {@code ..}, so {@code $WORKSPACE/link/../f} is the file beside the link's
 * target, and an existing file is named by its real path. A part that does not exist is kept
 * as written (a file about to be created), and a {@code ..} after it takes it away again.
 */
final class AdeptPaths {

    /** As many links as one path may pass through before it counts as a loop (Linux: 40). */
    private static final int MAX_LINKS = 40;

    private AdeptPaths() {
    }

    /** {@code path} made absolute against {@code base}, then resolved. */
    static Path resolve(Path base, String path) {
        Path absolute = base.resolve(path).toAbsolutePath();
        try {
            return absolute.toRealPath(); // realpath(3): the same rule, in one call, when all of it exists
        } catch (IOException e) {
            return walk(absolute, new int[] {MAX_LINKS});
        }
    }

    private static Path walk(Path absolute, int[] linksLeft) {
        Path resolved = absolute.getRoot();
        for (Path part : absolute) {
            String name = part.toString();
            if (name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                resolved = resolved.getParent() == null ? resolved : resolved.getParent();
                continue;
            }
            resolved = followed(resolved.resolve(name), linksLeft);
        }
        return resolved;
    }

    /** A link replaced by what it names (resolved in turn); anything else as it is. */
    private static Path followed(Path candidate, int[] linksLeft) {
        if (!Files.isSymbolicLink(candidate) || linksLeft[0]-- <= 0) {
            return candidate;
        }
        try {
            return candidate.toRealPath();
        } catch (IOException dangling) {
            try {
                Path target = Files.readSymbolicLink(candidate);
                return walk(candidate.getParent().resolve(target), linksLeft);
            } catch (IOException unreadable) {
                return candidate;
            }
        }
    }
}
