package org.exekutir.sync;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where the checksum cache of a local tree lives: in the user's cache folder
 * ({@code $XDG_CACHE_HOME/exekutir/sums/OWNER}, else {@code ~/.cache/exekutir/sums/OWNER}),
 * one file per tree named by a hash of the tree's absolute path. Never inside the tree itself, so it
 * is never synced or pruned with it; a tree that holds the cache folder gets no cache.
 *
 * <p>The folder stays bounded: beside each cache a {@code .tree} file names its tree, and
 * the first cache asked for in a process removes the caches whose tree is gone and those
 * not used for {@value #UNUSED_DAYS} days (a workspace per CI job would otherwise leave one
 * file per job forever).
 */
public final class CacheLocation {

    static final int UNUSED_DAYS = 30;

    private final Path folder;
    private final AtomicBoolean swept = new AtomicBoolean();

    public CacheLocation(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /**
     * @param owner the bundle whose copy of this library uses the cache ({@code ssh},
     *              {@code local}): each bundle carries its own copy, perhaps of another
     *              version, so each keeps its own files rather than share one with another copy
     * @return the user's default location for that owner
     */
    public static CacheLocation userDefault(String owner) {
        if (!owner.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("not a cache owner: " + owner);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new CacheLocation(base.resolve("exekutir").resolve("sums").resolve(owner));
    }

    /** @return the cache file of {@code tree}, empty when the cache folder lies inside the tree */
    public Optional<Path> fileFor(Path tree) {
        Path absolute = tree.toAbsolutePath().normalize();
        if (folder.startsWith(absolute)) {
            return Optional.empty();
        }
        if (swept.compareAndSet(false, true)) {
            sweep();
        }
        byte[] hash = Md5.digest().digest(absolute.toString().getBytes(StandardCharsets.UTF_8));
        String name = HexFormat.of().formatHex(hash);
        Path treeName = folder.resolve(name + ".tree");
        try {
            if (!Files.exists(treeName)) {
                Files.createDirectories(folder);
                Files.writeString(treeName, absolute.toString());
            }
        } catch (IOException e) {
            // without its .tree the cache is removed by age only
        }
        return Optional.of(folder.resolve(name + ".sums"));
    }

    /** Removes the caches of trees that are gone and of trees not synced for {@value #UNUSED_DAYS} days. */
    void sweep() {
        FileTime unused = FileTime.from(Instant.now().minus(Duration.ofDays(UNUSED_DAYS)));
        try (DirectoryStream<Path> caches = Files.newDirectoryStream(folder, "*.sums")) {
            for (Path cache : caches) {
                String name = cache.getFileName().toString();
                Path tree = folder.resolve(name.substring(0, name.length() - ".sums".length()) + ".tree");
                boolean treeGone = Files.isRegularFile(tree) && !Files.isDirectory(Path.of(Files.readString(tree)));
                if (treeGone || Files.getLastModifiedTime(cache).compareTo(unused) < 0) {
                    Files.deleteIfExists(cache);
                    Files.deleteIfExists(tree);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a cache left is only a file; the next process sweeps again
        }
    }
}
