package org.exekutir.steps.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Predicate;

/** Tree copies the steps need: symbolic links are copied as the files they point to, modes kept. */
final class TreeCopies {

    private TreeCopies() {
    }

    /**
     * Copies every file of {@code from} into {@code to}.
     *
     * @param overwrite replace files that exist at the destination (else keep them)
     * @param skip      relative paths ({@code /}-separated) not copied, with everything under them
     */
    static void copyTree(Path from, Path to, boolean overwrite, Predicate<String> skip) throws IOException {
        Files.createDirectories(to);
        Files.walkFileTree(from, EnumSet.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                        String relative = relative(from, dir);
                        if (!relative.isEmpty() && skip.test(relative)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        Files.createDirectories(to.resolve(relative));
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String relative = relative(from, file);
                        Path target = to.resolve(relative);
                        if (skip.test(relative) || (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS))) {
                            return FileVisitResult.CONTINUE;
                        }
                        Files.deleteIfExists(target);
                        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    static void chmod(Path path, String mode) throws IOException {
        Set<PosixFilePermission> permissions = PosixFilePermissions.fromString(mode);
        Files.setPosixFilePermissions(path, permissions);
    }

}
