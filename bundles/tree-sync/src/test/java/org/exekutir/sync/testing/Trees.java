package org.exekutir.sync.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.exekutir.sync.Md5;

/** Test trees, the rsync reference, and a comparison of two trees as a user would make it. */
public final class Trees {

    private Trees() {
    }

    /** A tree with every case the sync must get right. */
    public static void rich(Path root, Path outside) throws IOException {
        Files.createDirectories(root);
        write(root, "a.txt", "hello", "rw-r--r--");
        write(root, "empty.txt", "", "rw-r--r--");
        write(root, "bin/run.sh", "#!/bin/sh\necho run\n", "rwxr-xr-x");
        write(root, "secret/key", "not a real key", "rw-------");
        Files.setPosixFilePermissions(root.resolve("secret"), PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(root.resolve("empty"));
        Files.createDirectories(root.resolve("nested/empty2/deeper"));
        write(root, "nested/a/b/c/d/deep.txt", "deep", "rw-r--r--");
        Files.setPosixFilePermissions(root.resolve("nested/a"), PosixFilePermissions.fromString("rwxr-x---"));
        write(root, "l".repeat(90) + "/" + "n".repeat(120) + ".txt", "long name", "rw-r--r--");
        write(root, "répertoire/ünïcødé-файл-文件.txt", "unicode", "rw-r--r--");
        write(root, "file with spaces.txt", "spaces", "rw-r--r--");
        write(root, "dir with spaces/inner file.txt", "inner", "rw-r--r--");
        write(root, "it's $HOME `x` \"q\".txt", "quotes", "rw-r--r--");
        write(root, "-dash.txt", "dash", "rw-r--r--");
        byte[] blob = new byte[1 << 20];
        new Random(42).nextBytes(blob);
        Files.write(root.resolve("blob.bin"), blob);
        Files.createSymbolicLink(root.resolve("link-to-file"), Path.of("a.txt"));
        Files.createSymbolicLink(root.resolve("link-to-dir"), Path.of("nested"));
        Files.createDirectories(outside);
        write(outside, "outside.txt", "from outside the tree", "rwxr-x---");
        Files.createSymbolicLink(root.resolve("abs-link"), outside.resolve("outside.txt").toAbsolutePath());
        // clocks must not matter: an old timestamp on a changed file must not hide it
        Files.setLastModifiedTime(root.resolve("a.txt"), java.nio.file.attribute.FileTime.from(1, TimeUnit.DAYS));
    }

    /** Changes of every kind: same-size content, mode only, deletions, type changes, additions. */
    public static void mutate(Path root) throws IOException {
        long mtime = Files.getLastModifiedTime(root.resolve("a.txt")).to(TimeUnit.SECONDS);
        Files.writeString(root.resolve("a.txt"), "HELLO");
        Files.setLastModifiedTime(root.resolve("a.txt"), java.nio.file.attribute.FileTime.from(mtime, TimeUnit.SECONDS));
        Files.setPosixFilePermissions(root.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(root.resolve("nested/a"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(root.resolve("nested/a/b/c/d/deep.txt"));
        deleteTree(root.resolve("dir with spaces"));
        Files.delete(root.resolve("empty"));
        write(root, "empty", "now a file", "rw-r--r--");
        Files.delete(root.resolve("empty.txt"));
        write(root, "empty.txt/inside", "now a folder", "rw-r--r--");
        write(root, "new/dir/file.txt", "new", "rw-r-----");
        Files.write(root.resolve("blob.bin"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    }

    /** The same unwanted extras in a destination. */
    public static void addExtras(Path destination) throws IOException {
        write(destination, "extra.txt", "extra", "rw-r--r--");
        write(destination, "extradir/x/y.txt", "extra", "rw-r--r--");
    }

    /** {@code count} small files spread over folders of 100. */
    public static long many(Path root, int count) throws IOException {
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            String content = "file " + i + " " + "x".repeat(i % 200) + "\n";
            Path file = root.resolve("d" + (i / 100)).resolve("f" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            bytes += content.length();
        }
        return bytes;
    }

    public static void write(Path root, String path, String content, String permissions) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    }

    /** Runs the reference: {@code rsync -a --copy-links --delete --checksum SOURCE/ DESTINATION/}. */
    public static void rsync(Path source, Path destination, String... more) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("rsync", "-a", "--copy-links", "--delete", "--checksum"));
        command.addAll(List.of(more));
        command.add(source + "/");
        command.add(destination + "/");
        Process rsync = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(rsync.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (rsync.waitFor() != 0) {
            throw new IOException("rsync failed: " + output);
        }
    }

    /** @return path → "type mode [md5]" for every path (links not followed), the root as "." */
    public static Map<String, String> describe(Path root) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                tree.put(name(dir), "dir " + mode(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                tree.put(name(file), attrs.isSymbolicLink() ? "link " + Files.readSymbolicLink(file)
                        : attrs.isRegularFile() ? "file " + mode(file) + " " + Md5.of(file) : "other");
                return FileVisitResult.CONTINUE;
            }

            private String name(Path path) {
                String relative = root.relativize(path).toString();
                return relative.isEmpty() ? "." : relative;
            }
        });
        return tree;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                dir.toFile().setWritable(true, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
