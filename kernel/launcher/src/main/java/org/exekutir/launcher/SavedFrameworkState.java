package org.exekutir.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.File;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import org.osgi.framework.Constants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The framework's storage as it is once every bundle of one exact bundle set is installed
 * and started, kept between one-shot runs, so that the next run copies a few dozen small
 * files instead of installing every bundle again. Felix keeps in its storage which bundles
 * are installed, where (the jars stay where they lie) and that they are started; it
 * resolves them again at each start, so the saved state holds no wiring that could go stale.
 *
 * <p>The key is a hash of everything the state depends on: the Java runtime, the class
 * path's jars and every bundle jar (path, size, modification time, inode), and the
 * framework configuration. Another bundle set, an updated jar or another setting is
 * another key, so a saved state is never used for a set it was not made from. Each run
 * still has a private copy (Felix locks its storage, and concurrent runs must not share
 * one); a state appears under its key by an atomic rename, complete or not at all, so
 * concurrent runs that save the same key at once cannot leave a half-written one. The
 * folder is the user's own ({@code ~/.cache/exekutir/framework}, 0700): a saved state
 * names the jars a run loads, so no other user may write it.
 */
final class SavedFrameworkState {

    private static final Logger LOG = LoggerFactory.getLogger(SavedFrameworkState.class);
    /** A saved state no run used for this long is for a bundle set that is gone. */
    private static final Duration UNUSED = Duration.ofDays(30);
    /** A partial copy this old belongs to a run that died while saving. */
    private static final Duration ABANDONED = Duration.ofMinutes(10);
    private static final String PARTIAL = ".partial";
    /** Felix's storage holds small records; a large file is a copied jar, which is not saved. */
    private static final long LARGEST_FILE = 64 * 1024;

    private final Path folder;
    private final String key;

    private SavedFrameworkState(Path folder, String key) {
        this.folder = folder;
        this.key = key;
    }

    /**
     * The saved state for these jars and this configuration, in the user's cache.
     *
     * @param classPath     the launcher's jars (the framework among them)
     * @param bundles       the bundle jars, in install order
     * @param configuration the framework properties, without the storage path
     */
    static SavedFrameworkState of(Path cache, List<Path> classPath, List<Path> bundles,
            Map<String, String> configuration) throws IOException {
        return new SavedFrameworkState(cache, key(classPath, bundles, configuration));
    }

    /** The user's saved state for these bundle jars and this framework configuration, when the key can be made. */
    static Optional<SavedFrameworkState> forRun(List<Path> jars, Map<String, Object> configuration) {
        Map<String, String> settings = new HashMap<>();
        configuration.forEach((key, value) -> {
            if (value instanceof String text && !UNSAVED_SETTINGS.contains(key)) {
                settings.put(key, text);
            }
        });
        List<Path> classPath = Stream.of(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> !entry.isEmpty()).map(Path::of).toList();
        try {
            return Optional.of(of(userCache(), classPath, jars, settings));
        } catch (IOException e) {
            LOG.debug("no saved framework state: {}", e.toString());
            return Optional.empty();
        }
    }

    /** Settings that differ between runs of one bundle set without changing what is installed. */
    private static final Set<String> UNSAVED_SETTINGS = Set.of(Constants.FRAMEWORK_STORAGE,
            Constants.FRAMEWORK_STORAGE_CLEAN, "felix.log.level");

    /** {@code $XDG_CACHE_HOME/exekutir/framework}, else {@code ~/.cache/exekutir/framework}. */
    static Path userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("exekutir").resolve("framework");
    }

    String key() {
        return key;
    }

    /**
     * Copies the saved state into the empty storage folder.
     *
     * @return whether there was one; when false the storage is as empty as before
     */
    boolean restoreInto(Path storage) {
        Path saved = folder.resolve(key);
        if (!Files.isDirectory(saved)) {
            return false;
        }
        try {
            copyTree(saved, storage);
            // in use: not removed as unused
            Files.setLastModifiedTime(saved, FileTime.from(Instant.now()));
            return true;
        } catch (IOException e) {
            LOG.debug("saved framework state {} not used: {}", saved, e.toString());
            clear(storage);
            return false;
        }
    }

    /**
     * Saves the storage of a framework whose bundles all started, unless a state is saved
     * under this key already. Never fails a run: a cache that cannot be written is skipped.
     */
    void saveFrom(Path storage) {
        if (Files.isDirectory(folder.resolve(key))) {
            return;
        }
        Path partial = folder.resolve(key + "." + UUID.randomUUID() + PARTIAL);
        try {
            Files.createDirectories(folder.getParent());
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            copyTree(storage, partial);
            Files.move(partial, folder.resolve(key), StandardCopyOption.ATOMIC_MOVE);
            LOG.debug("framework state saved as {}", folder.resolve(key));
            removeStale();
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // a concurrent run saved it first
        } catch (IOException e) {
            LOG.debug("framework state not saved in {}: {}", folder, e.toString());
        } finally {
            TemporaryStorage.deleteTree(partial);
        }
    }

    /** States unused for a month, and partial copies of dead runs. */
    private void removeStale() throws IOException {
        Instant now = Instant.now();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                Instant modified = Files.getLastModifiedTime(entry).toInstant();
                Duration limit = entry.getFileName().toString().endsWith(PARTIAL) ? ABANDONED : UNUSED;
                if (modified.plus(limit).isBefore(now)) {
                    TemporaryStorage.deleteTree(entry);
                }
            }
        }
    }

    /**
     * Felix's records (which bundle, from where, started or not), not its lock, not a
     * bundle's data area, not the run's own lock.
     */
    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        List<Path> files;
        try (Stream<Path> paths = Files.walk(from)) {
            files = paths.filter(path -> !path.equals(from)).toList();
        }
        for (Path path : files) {
            Path relative = from.relativize(path);
            if (!saved(relative)) {
                continue;
            }
            Path target = to.resolve(relative.toString());
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            if (attributes.isDirectory()) {
                Files.createDirectories(target);
            } else if (attributes.isRegularFile() && attributes.size() <= LARGEST_FILE) {
                Files.createDirectories(target.getParent());
                Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
            } else {
                throw new IOException(path + " is not a record of the framework's");
            }
        }
    }

    private static boolean saved(Path relative) {
        String first = relative.getName(0).toString();
        if (!first.startsWith("bundle")) {
            return false; // cache.lock, the run's own lock
        }
        return relative.getNameCount() < 2 || !relative.getName(1).toString().equals("data");
    }

    private static void clear(Path storage) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(storage, "bundle*")) {
            entries.forEach(TemporaryStorage::deleteTree);
        } catch (IOException e) {
            LOG.debug("cannot clear {}: {}", storage, e.toString());
        }
    }

    private static String key(List<Path> classPath, List<Path> bundles, Map<String, String> configuration)
            throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("java ").append(System.getProperty("java.version")).append(' ')
                .append(System.getProperty("java.home")).append('\n');
        for (Path jar : classPath) {
            text.append("lib ").append(identity(jar)).append('\n');
        }
        for (Path jar : bundles) {
            text.append("bundle ").append(identity(jar)).append('\n');
        }
        new TreeMap<>(configuration).forEach((name, value) -> text.append("config ").append(name).append('=')
                .append(value).append('\n'));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String identity(Path jar) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        return jar.toAbsolutePath() + " " + attributes.size() + " " + attributes.lastModifiedTime()
                + " " + Optional.ofNullable(attributes.fileKey()).map(Object::toString).orElse("-");
    }
}
