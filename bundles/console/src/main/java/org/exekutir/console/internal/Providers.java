package org.exekutir.console.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.Transport;
import org.exekutir.api.host.VmProvider;
import org.exekutir.api.playbook.PlaybookRunner;
import org.exekutir.api.prune.WorkspacePruner;
import org.exekutir.api.step.StepType;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Every named service of the five contracts: contract, name, bundle, version, ranking. Of
 * several with one name, the one a step gets now (highest ranking) is marked {@code *}.
 */
final class Providers {

    static final List<Class<?>> CONTRACTS = List.of(StepType.class, VmProvider.class, Transport.class,
            PlaybookRunner.class, WorkspacePruner.class);

    private final BundleContext context;

    Providers(BundleContext context) {
        this.context = context;
    }

    /** A named service as the console shows it. */
    record Provider(String contract, String name, String bundle, String version, int ranking, boolean chosen) {
    }

    List<Provider> all() {
        List<Provider> providers = new ArrayList<>();
        for (Class<?> contract : CONTRACTS) {
            List<ServiceReference<?>> references = references(contract);
            for (ServiceReference<?> reference : references) {
                String name = String.valueOf(reference.getProperty(ExekutirName.PROPERTY));
                boolean chosen = references.stream()
                        .filter(other -> name.equals(String.valueOf(other.getProperty(ExekutirName.PROPERTY))))
                        .max(Comparator.naturalOrder()).orElseThrow().equals(reference);
                providers.add(new Provider(contract.getSimpleName(), name, reference.getBundle().getSymbolicName(),
                        reference.getBundle().getVersion().toString(), ranking(reference), chosen));
            }
        }
        providers.sort(Comparator.comparing(Provider::contract).thenComparing(Provider::name)
                .thenComparing(Comparator.comparingInt(Provider::ranking).reversed()));
        return providers;
    }

    String table() {
        Table table = new Table().row("CONTRACT", "NAME", "BUNDLE", "VERSION", "RANKING", "IN USE");
        for (Provider provider : all()) {
            table.row(provider.contract(), provider.name(), provider.bundle(), provider.version(), provider.ranking(),
                    provider.chosen() ? "*" : "");
        }
        return table.toString();
    }

    private List<ServiceReference<?>> references(Class<?> contract) {
        try {
            ServiceReference<?>[] found = context.getAllServiceReferences(contract.getName(),
                    "(" + ExekutirName.PROPERTY + "=*)");
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static int ranking(ServiceReference<?> reference) {
        return reference.getProperty(Constants.SERVICE_RANKING) instanceof Integer ranking ? ranking : 0;
    }
}
