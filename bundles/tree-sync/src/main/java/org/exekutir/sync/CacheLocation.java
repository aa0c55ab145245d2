package org.exekutir.sync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where the checksum cache of a local tree lives: in the user's cache folder
 * ({@code $XDG_CACHE_HOME/exekutir/sums}, else {@code ~/.cache/exekutir/sums}), one file
 * per tree named by a hash of the tree's absolute path. Never inside the tree itself, so it
 * is never synced or pruned with it; a tree that holds the cache folder gets no cache.
 */
public final class CacheLocation {

    private final Path folder;

    public CacheLocation(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /** @return the user's default location */
    public static CacheLocation userDefault() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new CacheLocation(base.resolve("exekutir").resolve("sums"));
    }

    /** @return the cache file of {@code tree}, empty when the cache folder lies inside the tree */
    public Optional<Path> fileFor(Path tree) {
        Path absolute = tree.toAbsolutePath().normalize();
        if (folder.startsWith(absolute)) {
            return Optional.empty();
        }
        byte[] hash = Md5.digest().digest(absolute.toString().getBytes(StandardCharsets.UTF_8));
        return Optional.of(folder.resolve(HexFormat.of().formatHex(hash) + ".sums"));
    }
}
