package org.exekutir.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.exekutir.api.ProcessOutput;
import org.exekutir.netns.hosts.Commands;
import org.exekutir.netns.hosts.HostService;
import org.exekutir.netns.hosts.NetnsException;
import org.exekutir.netns.hosts.Programs;
import org.exekutir.processes.ChildProcesses;
import org.exekutir.sync.files.Folders;

/**
 * The real build: {@code mmdebstrap --variant=minbase} of the recipe into a folder (as root),
 * exekutir's guest settings written into it ({@link GuestFiles}), then the parts the providers
 * boot from — a tar of it without kernel and modules for podman, an ext4 disk of it
 * ({@code mkfs.ext4 -d}, no loop mount) and its kernel and small initrd for qemu. The kernel
 * is Debian's {@code linux-image-amd64}, installed in the image only, never on this machine.
 */
public final class ImageBuild implements ImageBuilder {

    /** The guest's disk; an overlay per VM grows into it. */
    static final String DISK_SIZE = "4G";
    /** mmdebstrap's setup hook: the initrd is built with only what mounts a virtio disk. */
    private static final String SMALL_INITRD_HOOK = "mkdir -p \"$1/etc/initramfs-tools/conf.d\""
            + " \"$1/usr/share/initramfs-tools/modules.d\""
            + " && echo MODULES=list > \"$1/etc/initramfs-tools/conf.d/exekutir\""
            + " && printf 'virtio_pci\\nvirtio_blk\\next4\\n' > \"$1/usr/share/initramfs-tools/modules.d/exekutir\"";
    private static final byte[] XZ_MAGIC = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

    private final Commands commands = new Commands();

    @Override
    public void build(ImageRecipe recipe, Path folder, HostService.Progress progress)
            throws IOException, InterruptedException {
        Path rootfs = folder.resolve("rootfs");
        long started = System.nanoTime();
        HostService.Progress timed = line -> progress.line("image " + recipe.hash() + ": ["
                + (System.nanoTime() - started) / 1_000_000_000L + " s] " + line);
        bootstrap(recipe, rootfs, timed);
        GuestFiles.writeInto(rootfs);
        timed.line("packing the root file system for containers, and an ext4 disk, kernel and initrd for VMs");
        commands.check(List.of(program("tar", "tar"), "--numeric-owner", "-C", rootfs.toString(),
                "--exclude=./boot", "--exclude=./usr/lib/modules", "-cf", folder.resolve("rootfs.tar").toString(), "."));
        commands.check(List.of(program("mkfs.ext4", "e2fsprogs"), "-q", "-F", "-L", "exekutir-guest", "-d",
                rootfs.toString(), folder.resolve("disk.img").toString(), DISK_SIZE));
        Files.copy(only(rootfs.resolve("boot"), "initrd.img-*"), folder.resolve("initrd.img"));
        kernel(only(rootfs.resolve("boot"), "vmlinuz-*"), folder.resolve("kernel"));
        Folders.deleteRecursively(rootfs);
    }

    private void bootstrap(ImageRecipe recipe, Path rootfs, HostService.Progress progress)
            throws IOException, InterruptedException {
        List<String> command = List.of(program("mmdebstrap", "mmdebstrap"), "--variant=minbase", "--mode=root",
                "--format=directory", "--include=" + String.join(",", recipe.packages()),
                "--setup-hook=" + SMALL_INITRD_HOOK, recipe.suite(), rootfs.toString(), recipe.mirror());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", Commands.PATH, "LC_ALL", "C"));
        Lines lines = new Lines(progress);
        int code = ChildProcesses.run(builder, ProcessOutput.of(new ProcessOutput.ToStream(lines),
                new ProcessOutput.ToStream(lines)));
        if (code != 0) {
            throw new NetnsException("mmdebstrap of Debian " + recipe.suite() + " from " + recipe.mirror()
                    + " failed (exit " + code + "); its last lines:\n  " + String.join("\n  ", lines.tail()));
        }
    }

    /** Under emulation an uncompressed kernel boots several times faster: unpack it when it is xz. */
    private void kernel(Path vmlinuz, Path target) throws IOException, InterruptedException {
        byte[] image = Files.readAllBytes(vmlinuz);
        int start = indexOf(image, XZ_MAGIC);
        if (start < 0) {
            Files.copy(vmlinuz, target, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        Path compressed = Path.of(target + ".xz");
        Files.write(compressed, Arrays.copyOfRange(image, start, image.length));
        ProcessBuilder unpack = new ProcessBuilder(program("xz", "xz-utils"), "-dc", "--single-stream",
                compressed.toString());
        int code = ChildProcesses.run(unpack, ProcessOutput.of(new ProcessOutput.ToFile(target),
                new ProcessOutput.ToStream(new ByteArrayOutputStream())));
        Files.delete(compressed);
        if (code != 0 || !isElf(target)) {
            Files.copy(vmlinuz, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static boolean isElf(Path file) throws IOException {
        byte[] head = new byte[4];
        try (var in = Files.newInputStream(file)) {
            return in.read(head) == 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F';
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Path only(Path folder, String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
            files.forEach(found::add);
        }
        if (found.size() != 1) {
            throw new NetnsException("the image should hold one " + folder.resolve(glob) + "; it holds " + found.size()
                    + " (is linux-image-amd64 among image_packages?)");
        }
        return found.get(0);
    }

    private static String program(String name, String debianPackage) throws NetnsException {
        return Programs.locate(name, debianPackage).toString();
    }

    /** mmdebstrap's output, told line by line ("I: ..." is what it is doing); the last lines kept. */
    private static final class Lines extends OutputStream {

        private static final int KEPT = 15;
        private final HostService.Progress progress;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final Deque<String> tail = new ArrayDeque<>();

        Lines(HostService.Progress progress) {
            this.progress = progress;
        }

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8).strip();
            line.reset();
            if (text.isEmpty()) {
                return;
            }
            // "running --setup-hook in shell: <the whole hook>" says nothing a reader needs
            if (text.startsWith("I: ") && !text.startsWith("I: running --")) {
                progress.line(text.substring(3));
            }
            tail.addLast(text);
            if (tail.size() > KEPT) {
                tail.removeFirst();
            }
        }

        synchronized List<String> tail() {
            return new ArrayList<>(tail);
        }
    }
}
