package org.exekutir.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.exekutir.sync.files.Folders;
import org.junit.jupiter.api.Test;

/**
 * The real image, from Debian's packages with mmdebstrap, into the suite's cache (which the
 * providers' tests then boot from): built from an empty cache by one of two runs that ask at
 * once, reused on the next use, and made of what a container and a VM need.
 */
class RealImageBuildTest {

    @Test
    void theDefaultImageIsBuiltOnceFromAnEmptyCacheAndReused() throws Exception {
        ImageRecipe recipe = ImageRecipe.from(SuiteImages.settings());
        Path cacheRoot = SuiteImages.cache();
        if (Files.exists(cacheRoot.resolve(recipe.hash()))) {
            Folders.deleteRecursively(cacheRoot.resolve(recipe.hash()));
        }
        List<String> told = new CopyOnWriteArrayList<>();
        ExecutorService runs = Executors.newFixedThreadPool(2);
        GuestImage image;
        try {
            Future<GuestImage> one = runs.submit(() -> new ImageCache(cacheRoot, new ImageBuild()).obtain(recipe, told::add));
            Future<GuestImage> two = runs.submit(() -> new ImageCache(cacheRoot, new ImageBuild()).obtain(recipe, told::add));
            image = one.get(15, TimeUnit.MINUTES);
            assertEquals(image, two.get(1, TimeUnit.MINUTES));
        } finally {
            runs.shutdownNow();
        }
        assertEquals(1, told.stream().filter(line -> line.contains(": building from Debian bookworm")).count(), told.toString());
        assertTrue(told.stream().anyMatch(line -> line.contains("another run is building it")), told.toString());
        assertTrue(told.stream().anyMatch(line -> line.matches("image \\w+: \\[\\d+ s\\] installing remaining packages.*")),
                "mmdebstrap's progress is told: " + told);
        assertTrue(told.get(told.size() - 1).matches("image \\w+: built in \\d+ s"), told.toString());

        List<String> tar = tarList(image.rootfsTar());
        assertTrue(tar.contains("./usr/sbin/sshd") && tar.contains("./usr/bin/python3") && tar.contains("./usr/sbin/init"),
                "sshd, python3 and systemd are in the image");
        assertTrue(tar.contains("./usr/local/sbin/exekutir-guest") && tar.contains("./var/lib/exekutir/"));
        assertFalse(tar.stream().anyMatch(entry -> entry.startsWith("./etc/ssh/ssh_host_")), "no shared host keys");
        assertFalse(tar.stream().anyMatch(entry -> entry.startsWith("./boot/") || entry.startsWith("./usr/lib/modules/")),
                "containers get no kernel");
        assertTrue(startsWith(image.kernel(), new byte[] {0x7f, 'E', 'L', 'F'}), "the kernel is unpacked");
        assertTrue(Files.size(image.initrd()) < 20 << 20, "a small initrd: " + Files.size(image.initrd()));
        assertEquals(0xEF53, ext4Magic(image.disk()), "the disk is ext4");

        told.clear();
        long started = System.nanoTime();
        assertEquals(image, new ImageCache(cacheRoot, new ImageBuild()).obtain(recipe, told::add));
        assertEquals(List.of(), told, "the second use builds nothing");
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5));
    }

    private static List<String> tarList(Path tar) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("tar", "-tf", tar.toString()).redirectErrorStream(true).start();
        List<String> entries = List.of(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .split("\n"));
        assertEquals(0, process.waitFor());
        return entries;
    }

    private static boolean startsWith(Path file, byte[] magic) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(magic.length);
            return Arrays.equals(head, magic);
        }
    }

    /** The ext2/3/4 superblock starts 1024 bytes in; its magic number is 56 bytes into it. */
    private static int ext4Magic(Path disk) throws IOException {
        try (InputStream in = Files.newInputStream(disk)) {
            in.skipNBytes(1024 + 56);
            return ByteBuffer.wrap(in.readNBytes(2)).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xffff;
        }
    }
}
