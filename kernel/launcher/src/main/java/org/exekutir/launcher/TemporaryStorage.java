package org.exekutir.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The framework storage of a one-shot run, in the temporary folder, and what killed runs
 * left there. Each storage folder holds a lock its process keeps for its whole life (the
 * kernel releases it when the process dies, however it dies), so the next run tells a live
 * folder from a dead one by trying the lock, and removes the dead. The extra-variable files
 * of a playbook run ({@code exekutir-vars-PID-*}) are removed once their process is gone.
 */
final class TemporaryStorage {

    static final String KERNEL_PREFIX = "exekutir-kernel-";
    static final String VARS_PREFIX = "exekutir-vars-";
    private static final String LOCK = ".owner.lock";
    /** A storage folder without a lock is a run's that died while making it, or an older version's. */
    private static final Duration UNLOCKED_AGE = Duration.ofMinutes(10);

    /** Locks of this process's folders: released only when the process ends. */
    private static final List<FileChannel> HELD = new ArrayList<>();

    private TemporaryStorage() {
    }

    /** A new storage folder in {@code parent}, locked by this process. */
    static Path create(Path parent) throws IOException {
        Path storage = Files.createTempDirectory(parent, KERNEL_PREFIX);
        FileChannel channel = FileChannel.open(storage.resolve(LOCK), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        channel.lock();
        synchronized (HELD) {
            HELD.add(channel);
        }
        return storage;
    }

    /**
     * Removes, in the background, what dead runs left in {@code parent}; the caller joins the
     * thread before it exits (briefly), so that even a short run finishes the sweep.
     */
    static Thread sweepInBackground(Path parent, Path own) {
        Thread sweeper = new Thread(() -> sweep(parent, own), "exekutir-storage-sweep");
        sweeper.setDaemon(true);
        sweeper.setPriority(Thread.MIN_PRIORITY);
        sweeper.start();
        return sweeper;
    }

    /** @return the folders removed */
    static List<Path> sweep(Path parent, Path own) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(parent, "exekutir-{kernel,vars}-*")) {
            for (Path folder : folders) {
                if (!folder.equals(own) && Files.isDirectory(folder) && isDead(folder)) {
                    deleteTree(folder);
                    removed.add(folder);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the next run sweeps again
        }
        return removed;
    }

    private static boolean isDead(Path folder) throws IOException {
        String name = folder.getFileName().toString();
        if (name.startsWith(VARS_PREFIX)) {
            return ownerPid(name.substring(VARS_PREFIX.length())).flatMap(ProcessHandle::of).isEmpty();
        }
        Path lock = folder.resolve(LOCK);
        if (!Files.exists(lock)) {
            return Files.getLastModifiedTime(folder).toInstant().isBefore(Instant.now().minus(UNLOCKED_AGE));
        }
        try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
                FileLock taken = channel.tryLock()) {
            return taken != null;
        } catch (OverlappingFileLockException held) {
            return false; // this process's own (a second kernel in this JVM)
        }
    }

    private static Optional<Long> ownerPid(String rest) {
        int dash = rest.indexOf('-');
        try {
            return Optional.of(Long.parseLong(dash < 0 ? rest : rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException e) {
            // what is left is swept by the next run
        }
    }
}
