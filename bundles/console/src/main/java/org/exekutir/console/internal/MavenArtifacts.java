package org.exekutir.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession.CloseableSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Fetches an artifact by its Maven coordinates, with its runtime dependencies, from the
 * repositories of {@code conf/maven.properties}, by Maven Resolver (the library Maven itself
 * resolves with): what {@code bundle install GROUP:ARTIFACT:VERSION} installs.
 */
final class MavenArtifacts {

    /** {@code mvn:GROUP/ARTIFACT/VERSION} (as Karaf and Pax URL write them) or {@code GROUP:ARTIFACT:VERSION}. */
    private static final Pattern COORDINATES = Pattern.compile(
            "(?:mvn:([^/:\\s]+)/([^/:\\s]+)/([^/:\\s]+))|(?:([^/:\\s]+):([^/:\\s]+):([^/:\\s]+))");
    private static final String CENTRAL = "central=https://repo.maven.apache.org/maven2";

    private final Path localRepository;
    private final List<RemoteRepository> repositories;
    private final boolean offline;

    private MavenArtifacts(Path localRepository, List<RemoteRepository> repositories, boolean offline) {
        this.localRepository = localRepository;
        this.repositories = repositories;
        this.offline = offline;
    }

    /** Coordinates, when {@code text} is written as coordinates (a path or URL is not). */
    record Coordinates(String group, String artifact, String version) {
        static Optional<Coordinates> parse(String text) {
            Matcher matcher = COORDINATES.matcher(text);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            int first = matcher.group(1) != null ? 1 : 4;
            return Optional.of(new Coordinates(matcher.group(first), matcher.group(first + 1),
                    matcher.group(first + 2)));
        }

        /** The location a bundle installed from these coordinates carries: its origin. */
        String location() {
            return "mvn:" + group + "/" + artifact + "/" + version;
        }

        @Override
        public String toString() {
            return group + ":" + artifact + ":" + version;
        }
    }

    /**
     * The coordinates a jar built by Maven carries ({@code META-INF/maven/G/A/pom.properties},
     * one only), when it does.
     */
    static Optional<Coordinates> embeddedCoordinates(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> found = file.stream().filter(entry -> entry.getName().startsWith("META-INF/maven/")
                    && entry.getName().endsWith("/pom.properties")).toList();
            if (found.size() != 1) {
                return Optional.empty();
            }
            Properties properties = new Properties();
            try (InputStream in = file.getInputStream(found.get(0))) {
                properties.load(in);
            }
            String group = properties.getProperty("groupId");
            String artifact = properties.getProperty("artifactId");
            String version = properties.getProperty("version");
            return group == null || artifact == null || version == null ? Optional.empty()
                    : Optional.of(new Coordinates(group.strip(), artifact.strip(), version.strip()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** These settings with a repository searched first. */
    MavenArtifacts withFirst(String id, Path folder) {
        List<RemoteRepository> all = new ArrayList<>();
        all.add(new RemoteRepository.Builder(id, "default", folder.toUri().toString()).build());
        all.addAll(repositories);
        return new MavenArtifacts(localRepository, all, offline);
    }

    /**
     * The settings of {@code file} ({@code localRepository}, {@code repositories}, {@code offline});
     * defaults when it does not exist.
     */
    static MavenArtifacts configured(Path file) throws IOException {
        Properties settings = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                settings.load(in);
            }
        }
        String local = settings.getProperty("localRepository", "").strip();
        Path localRepository = local.isEmpty() ? Path.of(System.getProperty("user.home"), ".m2", "repository")
                : Path.of(local);
        List<RemoteRepository> repositories = new ArrayList<>();
        for (String entry : settings.getProperty("repositories", CENTRAL).split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IOException(file + ": repositories: '" + entry.strip() + "' is not ID=URL");
            }
            repositories.add(new RemoteRepository.Builder(entry.substring(0, equals).strip(), "default",
                    entry.substring(equals + 1).strip()).build());
        }
        String offline = settings.getProperty("offline", "false").strip();
        if (!offline.equals("true") && !offline.equals("false")) {
            throw new IOException(file + ": offline: '" + offline + "' is not true or false");
        }
        return new MavenArtifacts(localRepository, repositories, Boolean.parseBoolean(offline));
    }

    /** One artifact fetched: its coordinates and its jar in the local repository. */
    record Fetched(Coordinates coordinates, Path jar) {
    }

    /**
     * The artifact's jar and those of its runtime dependencies, the artifact's first.
     *
     * @throws IOException naming the coordinates and what the repositories answered
     */
    List<Fetched> fetch(Coordinates coordinates) throws IOException {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try (CloseableSession session = system.createSessionBuilder()
                .withLocalRepositoryBaseDirectories(localRepository).setOffline(offline)
                .setSystemProperties(System.getProperties()).build()) {
            DefaultArtifact artifact = new DefaultArtifact(coordinates.group(), coordinates.artifact(), "jar",
                    coordinates.version());
            CollectRequest collect = new CollectRequest(new Dependency(artifact, JavaScopes.RUNTIME), repositories);
            DependencyRequest request = new DependencyRequest(collect,
                    DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            List<Fetched> fetched = new ArrayList<>();
            for (ArtifactResult result : system.resolveDependencies(session, request).getArtifactResults()) {
                org.eclipse.aether.artifact.Artifact found = result.getArtifact();
                fetched.add(new Fetched(new Coordinates(found.getGroupId(), found.getArtifactId(),
                        found.getVersion()), found.getPath()));
            }
            return fetched;
        } catch (DependencyResolutionException e) {
            throw new IOException("cannot fetch " + coordinates + ": " + e.getMessage(), e);
        } finally {
            system.shutdown();
        }
    }
}
