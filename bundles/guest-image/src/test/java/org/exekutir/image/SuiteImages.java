package org.exekutir.image;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the tests of the image and of the providers that boot it share within one build: the
 * image cache ({@code target/guest-images} at the repository's root, empty in a fresh clone,
 * so the suite builds the image once, in {@link RealImageBuildTest}) and Debian packages
 * fetched for playbooks to install inside hosts ({@code target/debs}).
 */
public final class SuiteImages {

    private SuiteImages() {
    }

    public static Path cache() {
        return repositoryRoot().resolve("target").resolve("guest-images");
    }

    /** The settings that point a provider at the suite's cache. */
    public static Map<String, Object> settings() {
        return Map.of(ImageCache.CACHE, cache().toString());
    }

    /**
     * The .deb of a Debian package, fetched with {@code apt-get download} from the machine's
     * own package sources (never installed here).
     */
    public static Path debianPackage(String name) throws IOException, InterruptedException {
        Path folder = Files.createDirectories(repositoryRoot().resolve("target").resolve("debs"));
        Path found = find(folder, name);
        if (found == null) {
            if (run(folder, "apt-get", "download", name) != 0) {
                run(folder, "apt-get", "update", "-qq");
                if (run(folder, "apt-get", "download", name) != 0) {
                    throw new IOException("apt-get download " + name + " failed");
                }
            }
            found = find(folder, name);
        }
        return found;
    }

    private static Path find(Path folder, String name) throws IOException {
        try (DirectoryStream<Path> debs = Files.newDirectoryStream(folder, name + "_*.deb")) {
            for (Path deb : debs) {
                return deb;
            }
        }
        return null;
    }

    private static int run(Path folder, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command)).directory(folder.toFile()).inheritIO().start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " hung");
        }
        return process.exitValue();
    }

    private static Path repositoryRoot() {
        Path folder = Path.of("").toAbsolutePath();
        for (Path candidate = folder; candidate != null; candidate = candidate.getParent()) {
            if (Files.isDirectory(candidate.resolve("kernel")) && Files.isDirectory(candidate.resolve("bundles"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("not inside the exekutir repository: " + folder);
    }
}
