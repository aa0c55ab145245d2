package org.exekutir.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A file-based Maven repository a test fills: jars with their poms, in Maven's layout. */
public final class MavenRepositoryFixture {

    private final Path root;

    public MavenRepositoryFixture(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    /** Puts {@code jar} in as GROUP:ARTIFACT:VERSION, with a pom naming these dependencies (G:A:V each). */
    public void put(String group, String artifact, String version, Path jar, String... dependencies) throws IOException {
        Path folder = Files.createDirectories(root.resolve(group.replace('.', '/')).resolve(artifact).resolve(version));
        String base = artifact + "-" + version;
        if (jar != null) {
            Files.copy(jar, folder.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
        StringBuilder pom = new StringBuilder("""
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                """);
        pom.append("  <groupId>").append(group).append("</groupId>\n  <artifactId>").append(artifact)
                .append("</artifactId>\n  <version>").append(version).append("</version>\n  <dependencies>\n");
        for (String dependency : dependencies) {
            String[] parts = dependency.split(":");
            pom.append("    <dependency><groupId>").append(parts[0]).append("</groupId><artifactId>").append(parts[1])
                    .append("</artifactId><version>").append(parts[2]).append("</version></dependency>\n");
        }
        pom.append("  </dependencies>\n</project>\n");
        Files.writeString(folder.resolve(base + ".pom"), pom);
    }

    /** conf/maven.properties reading this repository alone, with a local repository of its own. */
    public Path settings(Path file, Path localRepository) throws IOException {
        return Files.writeString(file, "localRepository=" + localRepository + "\nrepositories=test=" + root.toUri()
                + "\noffline=false\n");
    }
}
