package org.exekutir.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.exekutir.console.internal.MavenArtifacts.Coordinates;
import org.exekutir.console.internal.MavenArtifacts.Fetched;
import org.exekutir.sync.files.Folders;
import org.osgi.framework.BundleException;

/**
 * {@code install GROUP:ARTIFACT:VERSION}: the bundle and the bundles it depends on (its Maven
 * runtime dependencies), fetched from {@code conf/maven.properties}' repositories and installed
 * as one {@link BundleSet}.
 */
final class CoordinatesInstall {

    private final Path settings;
    private final BundleSet set;

    CoordinatesInstall(Path settings, BundleSet set) {
        this.settings = settings;
        this.set = set;
    }

    String install(Coordinates coordinates) throws BundleException {
        List<BundleSet.Member> members = new ArrayList<>();
        List<String> notBundles = new ArrayList<>();
        collect(coordinates, members, notBundles);
        BundleSet.Result result = set.install(coordinates.toString(), members, notBundles);
        if (result.installed().isEmpty()) {
            throw new BundleException(members.get(0).name() + " is installed already (bundle "
                    + result.present().get(0).getBundleId() + "); use update");
        }
        return result.report();
    }

    /**
     * A jar built by Maven that does not resolve alone, with the dependencies its own pom names:
     * the jar and that pom are laid out as a repository of their own, searched first, so the
     * resolver reads the pom as it reads any other. The jar's bundle keeps its file location.
     *
     * @param alone why it did not resolve by itself, for the refusal
     */
    String installFile(Path jar, String location, Coordinates coordinates, String alone) throws BundleException {
        Path staged = null;
        try {
            staged = stage(jar, coordinates);
            List<BundleSet.Member> members = new ArrayList<>();
            List<String> notBundles = new ArrayList<>();
            collect(MavenArtifacts.configured(settings).withFirst("the-file", staged), coordinates, members,
                    notBundles);
            BundleSet.Member own = members.get(0);
            members.set(0, new BundleSet.Member(location, jar, own.symbolicName(), own.version()));
            return set.install(jar.toString(), members, notBundles).report();
        } catch (IOException | BundleException e) {
            throw new BundleException("refused " + jar + ": " + alone + "; and with the dependencies its pom ("
                    + coordinates + ") names: " + e.getMessage(), e);
        } finally {
            removeQuietly(staged);
        }
    }

    /** The artifact (a bundle, or a refusal) and its dependencies, as members of a set. */
    void collect(Coordinates coordinates, List<BundleSet.Member> members, List<String> notBundles)
            throws BundleException {
        try {
            collect(MavenArtifacts.configured(settings), coordinates, members, notBundles);
        } catch (IOException e) {
            throw new BundleException("refused " + coordinates + ": " + e.getMessage(), e);
        }
    }

    private static void collect(MavenArtifacts artifacts, Coordinates coordinates, List<BundleSet.Member> members,
            List<String> notBundles) throws IOException, BundleException {
        List<Fetched> fetched = artifacts.fetch(coordinates);
        for (Fetched artifact : fetched) {
            Optional<BundleSet.Member> member = BundleSet.member(artifact.coordinates().location(), artifact.jar());
            if (member.isPresent()) {
                BundleSet.addOnce(members, member.get());
            } else if (artifact == fetched.get(0)) {
                throw new BundleException(coordinates + ": " + artifact.jar().getFileName()
                        + " has no Bundle-SymbolicName, so it is no OSGi bundle");
            } else {
                notBundles.add(artifact.coordinates().toString());
            }
        }
    }

    private static void removeQuietly(Path staged) {
        if (staged != null) {
            try {
                Folders.deleteRecursively(staged);
            } catch (IOException e) {
                // a temporary folder; the system's cleaning takes it
            }
        }
    }

    /** A repository in a temporary folder holding the jar and the pom it carries, as G:A:V. */
    private static Path stage(Path jar, Coordinates coordinates) throws IOException {
        Path root = Files.createTempDirectory("exekutir-file-repository-");
        Path folder = Files.createDirectories(root.resolve(coordinates.group().replace('.', '/'))
                .resolve(coordinates.artifact()).resolve(coordinates.version()));
        String base = coordinates.artifact() + "-" + coordinates.version();
        Files.copy(jar, folder.resolve(base + ".jar"));
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry pom = file.getJarEntry("META-INF/maven/" + coordinates.group() + "/" + coordinates.artifact()
                    + "/pom.xml");
            if (pom == null) {
                throw new IOException("it has no pom.xml beside its pom.properties");
            }
            try (InputStream in = file.getInputStream(pom)) {
                Files.copy(in, folder.resolve(base + ".pom"));
            }
        }
        return root;
    }
}
