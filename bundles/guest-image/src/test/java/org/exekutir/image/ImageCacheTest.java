package org.exekutir.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.exekutir.api.host.SettingProblem;
import org.exekutir.netns.hosts.NetnsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's rules, with a builder that writes one file: built once, whole or not at all. */
class ImageCacheTest {

    @TempDir
    Path cacheRoot;

    private final AtomicInteger builds = new AtomicInteger();
    private final List<String> told = new CopyOnWriteArrayList<>();
    private final ImageRecipe recipe = recipe(Map.of());

    private static ImageRecipe recipe(Map<String, Object> settings) {
        try {
            return ImageRecipe.from(settings);
        } catch (NetnsException e) {
            throw new AssertionError(e);
        }
    }

    private ImageCache cache(ImageBuilder builder) {
        return new ImageCache(cacheRoot, builder);
    }

    private final ImageBuilder counting = (recipe, folder, progress) -> {
        builds.incrementAndGet();
        Files.writeString(folder.resolve("rootfs.tar"), "a root file system");
    };

    @Test
    void anImageIsBuiltOnceAndThenReused() throws Exception {
        GuestImage first = cache(counting).obtain(recipe, told::add);
        assertEquals(cacheRoot.resolve(recipe.hash()), first.folder());
        assertTrue(Files.isRegularFile(first.rootfsTar()));
        assertTrue(Files.readString(first.folder().resolve(GuestImage.MANIFEST)).contains("suite=bookworm"));
        assertTrue(told.stream().anyMatch(line -> line.contains("building from Debian bookworm")), told.toString());
        told.clear();
        GuestImage second = cache(counting).obtain(recipe, told::add);
        assertEquals(first, second);
        assertEquals(1, builds.get(), "the second use builds nothing");
        assertEquals(List.of(), told, "nothing to tell when the image is there");
    }

    @Test
    void concurrentUsesBuildItOnceAndTheOthersWait() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ImageBuilder slow = (recipe, folder, progress) -> {
            builds.incrementAndGet();
            building.countDown();
            release.await();
            Files.writeString(folder.resolve("rootfs.tar"), "a root file system");
        };
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            Future<GuestImage> first = threads.submit(() -> cache(slow).obtain(recipe, told::add));
            assertTrue(building.await(10, TimeUnit.SECONDS));
            List<Future<GuestImage>> others = Stream.generate(() -> threads.submit(
                    () -> cache(slow).obtain(recipe, told::add))).limit(3).toList();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (told.stream().filter(line -> line.contains("another run is building it")).count() < 3
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(Files.exists(cacheRoot.resolve(recipe.hash())), "no image appears before it is whole");
            release.countDown();
            GuestImage image = first.get(10, TimeUnit.SECONDS);
            for (Future<GuestImage> other : others) {
                assertEquals(image, other.get(10, TimeUnit.SECONDS));
            }
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
        assertEquals(1, builds.get(), "four uses, one build");
        assertEquals(3, told.stream().filter(line -> line.contains("another run is building it")).count(), told.toString());
    }

    @Test
    void aFailedBuildLeavesNothingAndTheNextBuildsAgain() throws Exception {
        ImageBuilder failing = (recipe, folder, progress) -> {
            Files.writeString(folder.resolve("rootfs.tar"), "half");
            throw new NetnsException("mmdebstrap failed");
        };
        IOException failure = assertThrows(IOException.class, () -> cache(failing).obtain(recipe, told::add));
        assertEquals("mmdebstrap failed", failure.getMessage());
        try (Stream<Path> left = Files.list(cacheRoot)) {
            assertEquals(List.of(recipe.hash() + ".lock"), left.map(path -> path.getFileName().toString()).toList());
        }
        cache(counting).obtain(recipe, told::add);
        assertEquals(1, builds.get());
    }

    @Test
    void whatADeadBuildLeftIsRemovedAndAnIncompleteFolderIsNoImage() throws Exception {
        Path dead = Files.createDirectories(cacheRoot.resolve("." + recipe.hash() + ".partial-dead"));
        Files.writeString(dead.resolve("rootfs.tar"), "half");
        Path incomplete = Files.createDirectories(cacheRoot.resolve(recipe.hash()));
        Files.writeString(incomplete.resolve("rootfs.tar"), "no manifest");
        GuestImage image = cache(counting).obtain(recipe, told::add);
        assertEquals(1, builds.get(), "a folder without its manifest is built again");
        assertEquals("a root file system", Files.readString(image.rootfsTar()));
        assertFalse(Files.exists(dead), "a dead build's folder is removed");
    }

    @Test
    void theRecipeHashFollowsWhatTheImageIsBuiltFrom() throws Exception {
        assertEquals(recipe.hash(), recipe(Map.of("image_packages", List.of())).hash());
        assertNotEquals(recipe.hash(), recipe(Map.of("image_packages", List.of("curl"))).hash());
        assertNotEquals(recipe.hash(), recipe(Map.of("image_suite", "trixie")).hash());
        assertEquals(recipe(Map.of("image_packages", "curl jq")).packages(),
                recipe(Map.of("image_packages", List.of("curl", "jq"))).packages());
        assertTrue(recipe.packages().containsAll(ImageRecipe.BASE_PACKAGES));
    }

    @Test
    void badSettingsAreNamed() {
        assertEquals(List.of(SettingProblem.of("image_packages", "'Bad Name!' is not a Debian package name")),
                ImageRecipe.check(Map.of("image_packages", List.of("Bad Name!"))));
        assertEquals("image_mirror", ImageRecipe.check(Map.of("image_mirror", "ftp.debian.org")).get(0).setting());
        assertEquals("image_cache", ImageRecipe.check(Map.of("image_cache", "relative/cache")).get(0).setting());
        assertEquals(List.of(), ImageRecipe.check(Map.of("image_packages", "curl, jq")));
    }
}
