package org.exekutir.sync.files;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removing trees: what a sync's deletions and the pruners share. */
public final class Folders {

    private Folders() {
    }

    /**
     * Deletes a file or a folder with everything in it; links are removed as links, never
     * followed; what is already gone is not an error.
     */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                try {
                    Files.deleteIfExists(dir);
                } catch (DirectoryNotEmptyException racing) {
                    throw new IOException("cannot remove " + dir + ": something writes into it", racing);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
