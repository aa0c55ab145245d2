package org.exekutir.console.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Jars installed and started as one set, or not at all: what {@code install GROUP:ARTIFACT:VERSION}
 * and a feature install. The framework's own resolver wires the set; when any requirement cannot
 * be met, or a bundle does not start, every bundle of the set is uninstalled again and the refusal
 * names the chain of requirements that failed. A jar whose bundle (same name and version) is
 * installed already is shared, not installed twice.
 */
final class BundleSet {

    private final BundleContext context;
    private final Provenance provenance;
    private final Trust trust;

    BundleSet(BundleContext context, Provenance provenance, Trust trust) {
        this.context = context;
        this.provenance = provenance;
        this.trust = trust;
    }

    /** A jar of a set, with the location its bundle carries (its origin). */
    record Member(String location, Path jar, String symbolicName, Version version) {
        String name() {
            return symbolicName + " " + version;
        }
    }

    /** What an install did: the bundles it installed, and those of the set that were there already. */
    record Result(List<Bundle> installed, List<Bundle> present, List<String> notBundles) {
        List<Bundle> all() {
            List<Bundle> all = new ArrayList<>(installed);
            all.addAll(present);
            return all;
        }

        String report() {
            StringBuilder text = new StringBuilder();
            for (Bundle bundle : installed) {
                text.append("installed ").append(bundle.getSymbolicName()).append(' ').append(bundle.getVersion())
                        .append(" from ").append(bundle.getLocation()).append(" as bundle ").append(bundle.getBundleId())
                        .append(", ").append(BundleOperations.state(bundle)).append('\n');
            }
            for (Bundle bundle : present) {
                text.append("already installed: ").append(bundle.getSymbolicName()).append(' ')
                        .append(bundle.getVersion()).append(" (bundle ").append(bundle.getBundleId()).append(")\n");
            }
            for (String name : notBundles) {
                text.append("not a bundle, left out: ").append(name).append('\n');
            }
            return text.toString();
        }
    }

    /** Adds the member unless one of the same name and version is in the set already (two entries may bring one library). */
    static void addOnce(List<Member> members, Member member) {
        if (members.stream().noneMatch(other -> other.name().equals(member.name()))) {
            members.add(member);
        }
    }

    /** The jar as a member of a set; empty when it is no bundle (no Bundle-SymbolicName). */
    static Optional<Member> member(String location, Path jar) throws BundleException {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (name == null) {
                return Optional.empty();
            }
            String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            return Optional.of(new Member(location, jar, name.split(";")[0].strip(),
                    Version.parseVersion(version == null ? "0.0.0" : version.strip())));
        } catch (IOException | IllegalArgumentException e) {
            throw new BundleException(jar + " cannot be read as a bundle: " + e.getMessage(), e);
        }
    }

    /**
     * Installs the members not installed yet, resolves and starts them, all or nothing.
     *
     * @param label what the refusal names (the coordinates, the feature)
     */
    Result install(String label, List<Member> members, List<String> notBundles) throws BundleException {
        List<Bundle> present = new ArrayList<>();
        List<Member> missing = new ArrayList<>();
        for (Member member : members) {
            Optional<Bundle> bundle = installed(member);
            if (bundle.isPresent()) {
                present.add(bundle.get());
            } else {
                missing.add(member);
            }
        }
        List<Bundle> set = installAll(label, missing);
        startAll(label, set);
        return new Result(set, present, notBundles);
    }

    /** Uninstalls bundles and refreshes what was wired to them. */
    void uninstall(List<Bundle> bundles) {
        for (Bundle bundle : bundles) {
            try {
                bundle.uninstall();
            } catch (BundleException | IllegalStateException e) {
                // gone already
            }
        }
        if (!bundles.isEmpty()) {
            try {
                Refresh.andWait(wiring(), bundles);
            } catch (BundleException e) {
                // the uninstall stands; the refresh ends on its own
            }
        }
    }

    /** The bundle of this id, null when there is none. */
    Bundle bundle(long id) {
        return context.getBundle(id);
    }

    /** The installed bundle of this name and version. */
    Optional<Bundle> installed(Member member) {
        for (Bundle bundle : context.getBundles()) {
            if (member.symbolicName().equals(bundle.getSymbolicName()) && member.version().equals(bundle.getVersion())) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    private List<Bundle> installAll(String label, List<Member> missing) throws BundleException {
        for (Member member : missing) {
            Optional<String> untrusted = trust.problem(member.jar());
            if (untrusted.isPresent()) {
                throw new BundleException("refused " + label + ", nothing installed: " + member.name() + " ("
                        + member.location() + ") " + untrusted.get());
            }
        }
        List<Bundle> set = new ArrayList<>();
        try {
            for (Member member : missing) {
                byte[] jar = Files.readAllBytes(member.jar());
                set.add(context.installBundle(member.location(), new ByteArrayInputStream(jar)));
                provenance.installed(member.location(), jar);
            }
        } catch (IOException | BundleException e) {
            uninstall(set);
            throw new BundleException("refused " + label + ", nothing installed: " + e.getMessage(), e);
        }
        if (!set.isEmpty() && !wiring().resolveBundles(set)) {
            String why = whyUnresolved(set);
            uninstall(set);
            throw new BundleException("refused " + label + ", nothing installed: " + why);
        }
        return set;
    }

    /**
     * Starts the set, what it depends on first, and checks that each serves (its components
     * activate); uninstalls it all when one does not.
     */
    private void startAll(String label, List<Bundle> set) throws BundleException {
        List<Bundle> dependenciesFirst = new ArrayList<>(set);
        Collections.reverse(dependenciesFirst);
        for (Bundle bundle : dependenciesFirst) {
            if (bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null) {
                continue;
            }
            try {
                bundle.start();
            } catch (BundleException e) {
                uninstall(set);
                throw new BundleException("refused " + label + ", nothing installed: " + bundle.getSymbolicName() + " "
                        + bundle.getVersion() + " did not start: " + BundleOperations.reason(e), e);
            }
        }
        for (Bundle bundle : set) {
            Optional<String> problem = Serving.problem(context, bundle, true);
            if (problem.isPresent()) {
                uninstall(set);
                throw new BundleException("refused " + label + ", nothing installed: " + bundle.getSymbolicName() + " "
                        + bundle.getVersion() + " does not serve: " + problem.get());
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

    private FrameworkWiring wiring() {
        return context.getBundle(0).adapt(FrameworkWiring.class);
    }
}
