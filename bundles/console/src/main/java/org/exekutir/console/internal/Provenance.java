package org.exekutir.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;

/**
 * Where each bundle came from and the SHA-256 of its jar, for {@code bundle list}: the
 * runtime's {@code bundle/} folder, {@code deploy/}, a file or URL installed by command, or
 * Maven coordinates; and the features that use it. The hash is of the bytes a command installed (recorded then); for a
 * bundle installed from a file by the runtime or FileInstall, of that file (cached by its
 * size and time).
 */
final class Provenance {

    private static final String REFERENCE = "reference:";

    private final Optional<DeployFolder> deployFolder;
    private final String runtimeBundles;
    /** By location: the hash of what a command installed. */
    private final Map<String, String> installed = new ConcurrentHashMap<>();
    /** By file: "size time" and the hash then. */
    private final Map<Path, String[]> files = new ConcurrentHashMap<>();
    /** By bundle id: the features that use it, as {@link Features} says. */
    private volatile Map<Long, java.util.SortedSet<String>> features = Map.of();

    Provenance(Optional<DeployFolder> deployFolder, Path home) {
        this.deployFolder = deployFolder;
        this.runtimeBundles = home == null ? null : home.resolve("bundle").toUri().normalize().getPath();
    }

    /** Records the hash of the bytes installed at {@code location}. */
    void installed(String location, byte[] jar) {
        installed.put(location, sha256(jar));
    }

    /** After a rolled-back update: the hash the bundle had before, {@code -} for one that was not recorded. */
    void restore(String location, String hash) {
        if (hash.equals("-")) {
            installed.remove(location);
        } else {
            installed.put(location, hash);
        }
    }

    /** The features that use each bundle now, by bundle id. */
    void features(Map<Long, java.util.SortedSet<String>> byBundle) {
        features = Map.copyOf(byBundle);
    }

    /** The features that use the bundle, comma-separated; {@code -} for none. */
    String features(Bundle bundle) {
        java.util.SortedSet<String> names = features.get(bundle.getBundleId());
        return names == null || names.isEmpty() ? "-" : String.join(",", names);
    }

    /** {@code bundle/}, {@code deploy/}, {@code mvn:G/A/V}, the file, the URL; {@code framework} for the system bundle. */
    String origin(Bundle bundle) {
        if (bundle.getBundleId() == 0) {
            return "framework";
        }
        String location = bundle.getLocation();
        Optional<Path> file = file(location);
        if (file.isPresent() && runtimeBundles != null && file.get().toUri().getPath().startsWith(runtimeBundles)) {
            return "bundle/";
        }
        if (deployFolder.map(folder -> folder.holds(bundle)).orElse(false)) {
            return "deploy/";
        }
        return file.map(Path::toString).orElse(location);
    }

    /** The SHA-256 of the bundle's jar; {@code -} when it cannot be told (the framework, a URL gone). */
    String sha256(Bundle bundle) {
        String recorded = installed.get(bundle.getLocation());
        if (recorded != null) {
            return recorded;
        }
        return file(bundle.getLocation()).flatMap(this::fileHash).orElse("-");
    }

    private Optional<String> fileHash(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            String stamp = attributes.size() + " " + attributes.lastModifiedTime();
            String[] cached = files.get(file);
            if (cached != null && cached[0].equals(stamp)) {
                return Optional.of(cached[1]);
            }
            String hash;
            try (InputStream in = Files.newInputStream(file)) {
                hash = sha256(in.readAllBytes());
            }
            files.put(file, new String[] {stamp, hash});
            return Optional.of(hash);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> file(String location) {
        String url = location.startsWith(REFERENCE) ? location.substring(REFERENCE.length()) : location;
        if (!url.startsWith("file:")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(URI.create(url)).normalize());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
