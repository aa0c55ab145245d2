package org.exekutir.sync;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Reads a local tree into a {@link Manifest}. */
public final class LocalTree {

    /** Suffix of the temporary files a sync writes before renaming them into place. */
    public static final String PART_SUFFIX = ".exekutir-part";

    private static final String ATTRIBUTES = "unix:mode,ino,size,ctime,lastModifiedTime";

    /**
     * @param manifest  the tree's files and folders
     * @param leftovers temporary files an interrupted sync left behind (relative paths)
     * @param skipped   paths that were left out, each with the reason (broken links, loops)
     */
    public record Scan(Manifest manifest, List<String> leftovers, List<String> skipped) {
    }

    private LocalTree() {
    }

    /**
     * Scans a source: symbolic links are followed (rsync {@code -L}); excluded paths, and
     * everything under an excluded folder, are left out.
     */
    public static Scan scanSource(Path root, PathGlobs excludes) throws IOException {
        return scan(root, true, excludes);
    }

    /** Scans a destination: links are not followed but reported as {@link EntryType#OTHER}. */
    public static Scan scanDestination(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return new Scan(new Manifest(), List.of(), List.of());
        }
        return scan(root, false, PathGlobs.of(List.of()));
    }

    private static Scan scan(Path root, boolean follow, PathGlobs excludes) throws IOException {
        Manifest manifest = new Manifest();
        List<String> leftovers = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Set<FileVisitOption> visit = follow ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class);
        Files.walkFileTree(root, visit, Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String path = relative(root, dir);
                if (excludes.matches(path)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                manifest.add(entry(path, EntryType.DIR, dir, options));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String path = relative(root, file);
                if (excludes.matches(path)) {
                    return FileVisitResult.CONTINUE;
                }
                String name = file.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(PART_SUFFIX)) {
                    leftovers.add(path);
                } else if (attrs.isRegularFile()) {
                    manifest.add(entry(path, EntryType.FILE, file, options));
                } else if (follow) {
                    skipped.add(path + ": " + (attrs.isSymbolicLink() ? "symbolic link to nothing" : "not a file or folder"));
                } else {
                    manifest.add(new TreeEntry(path, EntryType.OTHER, 0, 0, 0, null));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    skipped.add(relative(root, file) + ": symbolic link loop");
                    return FileVisitResult.CONTINUE;
                }
                if (e instanceof NoSuchFileException && !file.equals(root)) {
                    return FileVisitResult.CONTINUE; // vanished while we looked: as if never there
                }
                throw e;
            }
        });
        return new Scan(manifest, leftovers, skipped);
    }

    static TreeEntry entry(String path, EntryType type, Path file, LinkOption... options) throws IOException {
        Map<String, Object> a = Files.readAttributes(file, ATTRIBUTES, options);
        long size = type == EntryType.FILE ? (Long) a.get("size") : 0;
        long mtime = ((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS);
        StatKey key = new StatKey((Long) a.get("ino"), size, mtime, ((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS));
        return new TreeEntry(path, type, (Integer) a.get("mode") & 0777, size, Math.floorDiv(mtime, 1_000_000_000L), key);
    }

    /** @return the relative, {@code /} separated path of {@code file} under {@code root} */
    public static String relative(Path root, Path file) {
        return root.relativize(file).toString();
    }
}
