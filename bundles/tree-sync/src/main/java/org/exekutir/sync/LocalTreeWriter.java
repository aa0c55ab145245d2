package org.exekutir.sync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.exekutir.sync.files.Folders;

/**
 * Applies a {@link SyncPlan} to a local destination. Every file is written to a temporary
 * file in its own destination folder, then renamed over the old one, so whatever stops the
 * sync, each destination file is either the old complete one or the new complete one.
 */
public final class LocalTreeWriter {

    private final Path root;
    private final ChecksumCache cache;
    private final long startSecond = System.currentTimeMillis() / 1000;
    private int deleted;
    private int dirsCreated;
    private int filesWritten;
    private long bytesWritten;
    private int modesChanged;

    public LocalTreeWriter(Path root, ChecksumCache cache) {
        this.root = root;
        this.cache = cache;
    }

    /** Removes an interrupted sync's temporary files, the plan's deletions, and makes its new folders. */
    public void prepare(SyncPlan plan, List<String> leftovers) throws IOException {
        for (String leftover : leftovers) {
            Files.deleteIfExists(root.resolve(leftover));
        }
        for (String path : plan.deletions()) {
            Folders.deleteRecursively(root.resolve(path));
            deleted++;
        }
        for (TreeEntry dir : plan.newDirs()) {
            Path folder = dir.path().isEmpty() ? root : root.resolve(dir.path());
            if (dir.path().isEmpty()) {
                Files.createDirectories(folder);
            } else {
                Files.createDirectory(folder);
            }
            // writable by us until finish() sets the source's mode (which may be read-only)
            Files.setPosixFilePermissions(folder, permissions(dir.mode() | 0700));
            dirsCreated++;
        }
    }

    /**
     * Writes one file of the plan from {@code content}, which must hold exactly {@code entry.size()} bytes.
     *
     * @return the MD5 of what was written
     */
    public String write(TreeEntry entry, InputStream content) throws IOException {
        Path target = root.resolve(entry.path());
        Path part = target.resolveSibling("." + target.getFileName() + "." + Long.toHexString(
                ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + LocalTree.PART_SUFFIX);
        MessageDigest digest = Md5.digest();
        try {
            long copied;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), digest)) {
                copied = content.transferTo(out);
            }
            if (copied != entry.size()) {
                throw new IOException(entry.path() + ": expected " + entry.size() + " bytes, got " + copied
                        + " (the source changed while it was sent?)");
            }
            Files.setPosixFilePermissions(part, permissions(entry.mode()));
            Files.setLastModifiedTime(part, FileTime.from(entry.mtimeSeconds(), java.util.concurrent.TimeUnit.SECONDS));
            moveIntoPlace(part, target);
        } finally {
            Files.deleteIfExists(part);
        }
        String sum = Md5.hex(digest);
        cache.recordWritten(entry.path(), entry.size(), startSecond, System.currentTimeMillis() / 1000 + 1, sum);
        filesWritten++;
        bytesWritten += entry.size();
        return sum;
    }

    private static void moveIntoPlace(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + part + " to " + target + " atomically", e);
        }
    }

    /** Sets the plan's modes: files first, then folders deepest first, new folders included. */
    public void finish(SyncPlan plan) throws IOException {
        List<Map.Entry<String, Integer>> dirModes = new ArrayList<>();
        for (Map.Entry<String, Integer> change : plan.modeChanges().entrySet()) {
            Path path = root.resolve(change.getKey());
            if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                dirModes.add(change);
            } else {
                Files.setPosixFilePermissions(path, permissions(change.getValue()));
            }
            modesChanged++;
        }
        for (TreeEntry dir : plan.newDirs()) {
            dirModes.add(Map.entry(dir.path(), dir.mode()));
        }
        dirModes.sort(Comparator.comparing((Map.Entry<String, Integer> e) -> e.getKey().length()).reversed());
        for (Map.Entry<String, Integer> dir : dirModes) {
            Files.setPosixFilePermissions(dir.getKey().isEmpty() ? root : root.resolve(dir.getKey()),
                    permissions(dir.getValue()));
        }
    }

    public SyncReport report(int unchanged, int checksummed, List<String> skipped) {
        return new SyncReport(filesWritten, bytesWritten, deleted, dirsCreated, modesChanged, unchanged, checksummed, 1,
                skipped);
    }


    /** @return the permission bits of a mode (setuid, setgid and sticky bits are not carried) */
    public static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
