package org.exekutir.console.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.exekutir.console.internal.MavenArtifacts.Coordinates;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;

/**
 * The features of the daemon: {@code feature install NAME|FILE}, {@code feature list},
 * {@code feature remove NAME}. A feature's bundles are installed as one {@link BundleSet} (all
 * or nothing). Installing a feature that is installed already is its update: the new set is
 * installed first, and only once it serves are the bundles the old one alone needed removed,
 * so a failed update leaves the old version as it was. A bundle two features share stays until
 * the last of them goes; a bundle that was there before any feature (the runtime's own) is
 * never removed by one. Like bundles installed by command, features last as long as the daemon.
 */
final class Features {

    /** A feature as installed: its descriptor and the ids of every bundle it uses. */
    private record Installed(FeatureDescriptor descriptor, Set<Long> bundles) {
    }

    private final Path folder;
    private final BundleSet set;
    private final CoordinatesInstall coordinates;
    private final Provenance provenance;
    private final Map<String, Installed> installed = new LinkedHashMap<>();
    /** Ids of the bundles features installed (not those that were there before). */
    private final Set<Long> installedByFeatures = new HashSet<>();

    /** @param folder where {@code feature install NAME} finds {@code NAME.yml} (the runtime's features/) */
    Features(Path folder, BundleSet set, CoordinatesInstall coordinates, Provenance provenance) {
        this.folder = folder;
        this.set = set;
        this.coordinates = coordinates;
        this.provenance = provenance;
    }

    /** Tells the provenance which features use which bundles, after each change. */
    private void published() {
        Map<Long, java.util.SortedSet<String>> byBundle = new java.util.HashMap<>();
        installed.forEach((name, feature) -> feature.bundles()
                .forEach(id -> byBundle.computeIfAbsent(id, key -> new java.util.TreeSet<>()).add(name)));
        provenance.features(byBundle);
    }

    synchronized String install(String nameOrFile) throws BundleException {
        FeatureDescriptor descriptor = descriptor(nameOrFile);
        String label = "feature " + descriptor.name() + " " + descriptor.version();
        List<BundleSet.Member> members = new ArrayList<>();
        List<String> notBundles = new ArrayList<>();
        for (String entry : descriptor.bundles()) {
            collect(descriptor, entry, members, notBundles);
        }
        BundleSet.Result result;
        try {
            result = set.install(label, members, notBundles);
        } catch (BundleException e) {
            Installed serving = installed.get(descriptor.name());
            throw serving == null ? e : new BundleException(e.getMessage() + "; feature " + descriptor.name() + " "
                    + serving.descriptor().version() + " serves as before", e);
        }
        result.installed().forEach(bundle -> installedByFeatures.add(bundle.getBundleId()));
        Set<Long> uses = new HashSet<>();
        result.all().forEach(bundle -> uses.add(bundle.getBundleId()));
        Installed previous = installed.put(descriptor.name(), new Installed(descriptor, uses));
        StringBuilder answer = new StringBuilder(result.report());
        published();
        if (previous == null) {
            answer.append("installed ").append(label).append(": ").append(uses.size()).append(" bundles\n");
        } else {
            List<Bundle> left = release(previous.bundles());
            answer.append("updated feature ").append(descriptor.name()).append(' ')
                    .append(previous.descriptor().version()).append(" -> ").append(descriptor.version())
                    .append(left.isEmpty() ? "" : "; removed " + names(left)).append('\n');
        }
        return answer.toString();
    }

    synchronized String remove(String name) throws BundleException {
        Installed feature = installed.remove(name);
        if (feature == null) {
            throw new BundleException("no feature named " + name + " is installed" + (installed.isEmpty() ? ""
                    : " (installed: " + String.join(", ", installed.keySet()) + ")"));
        }
        List<Bundle> removed = release(feature.bundles());
        published();
        return "removed feature " + name + " " + feature.descriptor().version()
                + (removed.isEmpty() ? "" : ": uninstalled " + names(removed)) + "\n";
    }

    /** One line per feature: name, version, how many bundles, its descriptor. */
    synchronized String list() {
        Table table = new Table();
        installed.forEach((name, feature) -> table.row(name, feature.descriptor().version().isEmpty() ? "-"
                : feature.descriptor().version(), feature.bundles().size() + " bundles", feature.descriptor().file()));
        return table.toString();
    }

    /** Uninstalls, of {@code bundles}, those a feature installed and no installed feature uses. */
    private List<Bundle> release(Set<Long> bundles) {
        Set<Long> stillUsed = new HashSet<>();
        installed.values().forEach(feature -> stillUsed.addAll(feature.bundles()));
        List<Bundle> unused = new ArrayList<>();
        for (Long id : bundles) {
            if (installedByFeatures.contains(id) && !stillUsed.contains(id)) {
                Optional.ofNullable(set.bundle(id)).ifPresent(unused::add);
                installedByFeatures.remove(id);
            }
        }
        set.uninstall(unused);
        return unused;
    }

    private void collect(FeatureDescriptor descriptor, String entry, List<BundleSet.Member> members,
            List<String> notBundles) throws BundleException {
        Optional<Coordinates> parsed = Coordinates.parse(entry);
        if (parsed.isPresent()) {
            coordinates.collect(parsed.get(), members, notBundles);
            return;
        }
        Path jar = descriptor.file().getParent().resolve(entry).normalize();
        if (!Files.isRegularFile(jar)) {
            throw new BundleException("refused feature " + descriptor.name() + ": " + descriptor.file() + ": bundles: "
                    + entry + " is neither Maven coordinates nor a jar (" + jar + " does not exist)");
        }
        BundleSet.Member member = BundleSet.member(jar.toUri().toString(), jar).orElseThrow(() -> new BundleException(
                "refused feature " + descriptor.name() + ": " + jar + " has no Bundle-SymbolicName, so it is no OSGi bundle"));
        BundleSet.addOnce(members, member);
    }

    private FeatureDescriptor descriptor(String nameOrFile) throws BundleException {
        Path file = nameOrFile.matches("[A-Za-z0-9][A-Za-z0-9._-]*") && !nameOrFile.endsWith(".yml")
                ? folder.resolve(nameOrFile + ".yml") : Path.of(nameOrFile).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new BundleException("no feature " + nameOrFile + ": " + file + " does not exist");
        }
        try {
            return FeatureDescriptor.read(file);
        } catch (IOException e) {
            throw new BundleException(e.getMessage(), e);
        }
    }

    private static String names(List<Bundle> bundles) {
        return String.join(", ", bundles.stream().map(bundle -> bundle.getSymbolicName() + " " + bundle.getVersion())
                .toList());
    }
}
