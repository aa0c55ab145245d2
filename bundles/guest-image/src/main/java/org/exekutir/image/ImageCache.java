package org.exekutir.image;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.exekutir.netns.hosts.HostService;
import org.exekutir.netns.hosts.NetnsException;
import org.exekutir.netns.hosts.SettingValues;
import org.exekutir.sync.files.Folders;

/**
 * Images by recipe hash under one folder ({@code image_cache}, by default
 * {@code ~/.cache/exekutir/images}): built once, reused by every job.
 *
 * <p>An image is built in a hidden folder of its own and renamed into place, its manifest
 * written last, so a reader sees a whole image or none. Builders of one recipe take turns on
 * a lock file ({@code <hash>.lock}), so concurrent runs build it once: the later ones wait
 * and take what the first built. A build that died leaves only a hidden folder, which the
 * next builder removes.
 */
public final class ImageCache {

    public static final String CACHE = "image_cache";

    private final Path root;
    private final ImageBuilder builder;

    public ImageCache(Path root, ImageBuilder builder) {
        this.root = root;
        this.builder = builder;
    }

    /** The cache folder the settings name, or the user's own. */
    public static Path root(Map<String, Object> settings) throws NetnsException {
        String configured = SettingValues.text(settings, CACHE, "");
        if (!configured.isEmpty()) {
            if (!configured.startsWith("/")) {
                throw new NetnsException(CACHE + ": '" + configured + "' is not an absolute folder");
            }
            return Path.of(configured).normalize();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("exekutir").resolve("images");
    }

    public Path root() {
        return root;
    }

    /** @return the recipe's image, built first when the cache has none */
    public GuestImage obtain(ImageRecipe recipe, HostService.Progress progress) throws IOException, InterruptedException {
        GuestImage image = new GuestImage(root.resolve(recipe.hash()), recipe.hash());
        if (isComplete(image)) {
            return image;
        }
        Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try (Turn turn = Turn.take(root.resolve(recipe.hash() + ".lock"), () -> progress.line("image "
                + recipe.hash() + ": another run is building it; waiting for it"))) {
            if (isComplete(image)) {
                return image;
            }
            build(recipe, image, progress);
        }
        return image;
    }

    /** @return whether the image's folder holds a whole image */
    public static boolean isComplete(GuestImage image) {
        return Files.isRegularFile(image.folder().resolve(GuestImage.MANIFEST));
    }

    private void build(ImageRecipe recipe, GuestImage image, HostService.Progress progress)
            throws IOException, InterruptedException {
        removeDeadBuilds(recipe.hash());
        Path partial = root.resolve("." + recipe.hash() + ".partial-" + UUID.randomUUID());
        Files.createDirectory(partial);
        Instant started = Instant.now();
        progress.line("image " + recipe.hash() + ": building from Debian " + recipe.suite() + " ("
                + recipe.packages().size() + " packages over minbase) into " + root + "; built once, then reused");
        try {
            builder.build(recipe, partial, progress);
            Files.writeString(partial.resolve(GuestImage.MANIFEST), "# an exekutir guest image; built "
                    + Instant.now() + "\n" + recipe.describe(), StandardCharsets.UTF_8);
            if (Files.exists(image.folder())) {
                // an incomplete folder of a builder older than this one
                Folders.deleteRecursively(image.folder());
            }
            Files.move(partial, image.folder(), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(partial)) {
                Folders.deleteRecursively(partial);
            }
        }
        progress.line("image " + recipe.hash() + ": built in " + Duration.between(started, Instant.now()).toSeconds()
                + " s");
    }

    /** Only a builder holding the lock writes a partial folder: any other one is a dead build's. */
    private void removeDeadBuilds(String hash) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(root, "." + hash + ".partial-*")) {
            for (Path leftover : leftovers) {
                Folders.deleteRecursively(leftover);
            }
        }
    }

    /** A turn on a lock file; threads of this JVM and other processes alike wait for it. */
    public static final class Turn implements AutoCloseable {

        private final FileChannel channel;
        private final FileLock lock;

        private Turn(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        public static Turn take(Path file, Runnable whenWaiting) throws IOException, InterruptedException {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                boolean told = false;
                while (true) {
                    try {
                        FileLock lock = channel.tryLock();
                        if (lock != null) {
                            return new Turn(channel, lock);
                        }
                    } catch (OverlappingFileLockException e) {
                        // a thread of this JVM (or another copy of this class) holds it
                    }
                    if (!told) {
                        whenWaiting.run();
                        told = true;
                    }
                    Thread.sleep(200);
                }
            } catch (ClosedByInterruptException | FileLockInterruptionException e) {
                channel.close();
                throw new InterruptedException("interrupted while waiting for " + file);
            } catch (IOException | InterruptedException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                if (lock.isValid()) {
                    lock.release();
                }
            } finally {
                channel.close();
            }
        }
    }
}
