package org.exekutir.console.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.exekutir.console.internal.MavenArtifacts.Coordinates;
import org.exekutir.console.internal.MavenArtifacts.Fetched;
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

    /** The artifact (a bundle, or a refusal) and its dependencies, as members of a set. */
    void collect(Coordinates coordinates, List<BundleSet.Member> members, List<String> notBundles)
            throws BundleException {
        List<Fetched> fetched;
        try {
            fetched = MavenArtifacts.configured(settings).fetch(coordinates);
        } catch (IOException e) {
            throw new BundleException("refused " + coordinates + ": " + e.getMessage(), e);
        }
        for (Fetched artifact : fetched) {
            Optional<BundleSet.Member> member = BundleSet.member(artifact.coordinates().location(), artifact.jar());
            if (member.isPresent()) {
                if (members.stream().noneMatch(other -> other.name().equals(member.get().name()))) {
                    members.add(member.get());
                }
            } else if (artifact == fetched.get(0)) {
                throw new BundleException("refused " + coordinates + ": " + artifact.jar().getFileName()
                        + " has no Bundle-SymbolicName, so it is no OSGi bundle");
            } else {
                notBundles.add(artifact.coordinates().toString());
            }
        }
    }
}
