package org.exekutir.console.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.exekutir.console.internal.MavenArtifacts.Coordinates;
import org.exekutir.console.internal.MavenArtifacts.Fetched;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * {@code install GROUP:ARTIFACT:VERSION}: the bundle and the bundles it depends on (its Maven
 * runtime dependencies), installed and started as one set, or nothing. The framework's own
 * resolver wires the set; when any requirement cannot be met, every bundle of the set is
 * uninstalled again and the refusal names the chain of requirements that failed.
 */
final class CoordinatesInstall {

    private final BundleContext context;
    private final Path settings;
    private final Provenance provenance;

    CoordinatesInstall(BundleContext context, Path settings, Provenance provenance) {
        this.context = context;
        this.settings = settings;
        this.provenance = provenance;
    }

    /** A jar of the set: what it is, and the bundle it became or already was. */
    private record Member(Fetched fetched, String symbolicName, Version version) {
        String name() {
            return symbolicName + " " + version;
        }
    }

    String install(Coordinates coordinates) throws BundleException {
        List<Fetched> fetched;
        try {
            fetched = MavenArtifacts.configured(settings).fetch(coordinates);
        } catch (IOException e) {
            throw new BundleException("refused " + coordinates + ": " + e.getMessage(), e);
        }
        List<Member> members = new ArrayList<>();
        List<String> notBundles = new ArrayList<>();
        for (Fetched artifact : fetched) {
            Optional<Member> member = member(artifact);
            if (member.isPresent()) {
                members.add(member.get());
            } else if (artifact == fetched.get(0)) {
                throw new BundleException("refused " + coordinates + ": " + artifact.jar().getFileName()
                        + " has no Bundle-SymbolicName, so it is no OSGi bundle");
            } else {
                notBundles.add(artifact.coordinates().toString());
            }
        }
        List<String> present = new ArrayList<>();
        List<Member> missing = new ArrayList<>();
        for (Member member : members) {
            if (installed(member).isPresent()) {
                present.add(member.name());
            } else {
                missing.add(member);
            }
        }
        if (missing.isEmpty()) {
            throw new BundleException(members.get(0).name() + " is installed already (bundle "
                    + installed(members.get(0)).orElseThrow().getBundleId() + "); use update");
        }
        List<Bundle> set = installAll(coordinates, missing);
        startAll(coordinates, set);
        return report(set, present, notBundles);
    }

    /** Installs every member; none stays installed when one cannot be. */
    private List<Bundle> installAll(Coordinates coordinates, List<Member> missing) throws BundleException {
        List<Bundle> set = new ArrayList<>();
        try {
            for (Member member : missing) {
                byte[] jar = Files.readAllBytes(member.fetched().jar());
                String location = member.fetched().coordinates().location();
                set.add(context.installBundle(location, new ByteArrayInputStream(jar)));
                provenance.installed(location, jar);
            }
        } catch (IOException | BundleException e) {
            uninstallAll(set);
            throw new BundleException("refused " + coordinates + ", nothing installed: " + e.getMessage(), e);
        }
        if (!wiring().resolveBundles(set)) {
            String why = whyUnresolved(set);
            uninstallAll(set);
            throw new BundleException("refused " + coordinates + ", nothing installed: " + why);
        }
        return set;
    }

    /** Starts the set, what it depends on first; uninstalls it all when one does not start. */
    private void startAll(Coordinates coordinates, List<Bundle> set) throws BundleException {
        List<Bundle> dependenciesFirst = new ArrayList<>(set);
        java.util.Collections.reverse(dependenciesFirst);
        for (Bundle bundle : dependenciesFirst) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                uninstallAll(set);
                throw new BundleException("refused " + coordinates + ", nothing installed: "
                        + bundle.getSymbolicName() + " " + bundle.getVersion() + " did not start: "
                        + BundleOperations.reason(e), e);
            }
        }
    }

    /** The first unresolved bundle of the set (the one asked for, if it is), and its chain. */
    private static String whyUnresolved(List<Bundle> set) {
        for (Bundle bundle : set) {
            if (bundle.getState() == Bundle.INSTALLED && bundle.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                try {
                    bundle.start(Bundle.START_TRANSIENT);
                } catch (BundleException e) {
                    return RequirementChain.of(String.valueOf(e.getMessage()), "none of the repositories has it");
                }
            }
        }
        return "the set does not resolve";
    }

    private void uninstallAll(List<Bundle> set) {
        for (Bundle bundle : set) {
            try {
                bundle.uninstall();
            } catch (BundleException | IllegalStateException e) {
                // gone already
            }
        }
        if (!set.isEmpty()) {
            wiring().refreshBundles(set);
        }
    }

    private Optional<Bundle> installed(Member member) {
        for (Bundle bundle : context.getBundles()) {
            if (member.symbolicName().equals(bundle.getSymbolicName()) && member.version().equals(bundle.getVersion())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private static Optional<Member> member(Fetched artifact) throws BundleException {
        try (JarFile jar = new JarFile(artifact.jar().toFile())) {
            Manifest manifest = jar.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (name == null) {
                return Optional.empty();
            }
            String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            return Optional.of(new Member(artifact, name.split(";")[0].strip(),
                    Version.parseVersion(version == null ? "0.0.0" : version.strip())));
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException("refused " + artifact.coordinates() + ": " + artifact.jar() + " cannot be read as a "
                    + "bundle: " + e.getMessage(), e);
        }
    }

    private static String report(List<Bundle> set, List<String> present, List<String> notBundles) {
        StringBuilder text = new StringBuilder();
        for (Bundle bundle : set) {
            text.append("installed ").append(bundle.getSymbolicName()).append(' ').append(bundle.getVersion())
                    .append(" from ").append(bundle.getLocation()).append(" as bundle ").append(bundle.getBundleId())
                    .append(", ").append(BundleOperations.state(bundle)).append('\n');
        }
        for (String name : present) {
            text.append("already installed: ").append(name).append('\n');
        }
        for (String coordinates : notBundles) {
            text.append("not a bundle, left out: ").append(coordinates).append('\n');
        }
        return text.toString();
    }

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }
}
