package org.exekutir.steps.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.VmProvider;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code peons} (on the kommandir, in job.xn). In setup: creates every host of the
 * inventory's group {@code peons} in parallel (at most {@code peon_parallelism} at a time),
 * each through its provider (the inventory variable {@code peon_provider}, else the setting,
 * else {@code netns}), and writes its {@code inventory/host_vars/<peon>.yml}. In cleanup:
 * destroys, in parallel, every host whose record in {@code hosts/} says it may exist — also
 * those whose creation failed or was killed half-way. Elsewhere it does nothing.
 */
@Component(service = StepType.class)
@ExekutirName("peons")
public class PeonsStep extends NativeStep {

    static final String PEON_PROVIDER = "peon_provider";

    @Override
    Set<String> worksIn() {
        return Set.of(Contexts.SETUP, Contexts.CLEANUP);
    }

    @Override
    String name() {
        return "peons";
    }

    @Override
    List<OptionSpec> ownOptions() {
        return List.of();
    }

    @Override
    int work(StepOptions options, StepContext context) throws StepException, InterruptedException {
        if (!Contexts.worksIn(context, "peons", worksIn(),
                "peons are created in setup and destroyed in cleanup")) {
            return 0;
        }
        Layout layout = new Layout(context.workspace());
        Settings settings = Settings.read(layout);
        return Contexts.cleanup(context) ? destroyAll(layout, settings, context) : createAll(layout, settings, context);
    }

    private int createAll(Layout layout, Settings settings, StepContext context)
            throws StepException, InterruptedException {
        PrintStream out = context.messages();
        List<Inventory.Peon> peons = Inventory.peons(layout.inventory(), context.childEnvironment());
        if (peons.isEmpty()) {
            out.println("peons: the inventory's group 'peons' is empty; no peon to create");
            return 0;
        }
        Keys.ensure(layout, null);
        Map<String, VmProvider> providers = new HashMap<>();
        HostLifecycle lifecycle = new HostLifecycle(layout);
        List<ParallelHosts.Task> tasks = new ArrayList<>();
        for (Inventory.Peon peon : peons) {
            String providerName = providerName(peon, settings);
            VmProvider provider = providers.get(providerName);
            if (provider == null) {
                provider = use(context, providerName, peon, settings);
                providers.put(providerName, provider);
            }
            VmProvider chosen = provider;
            tasks.add(new ParallelHosts.Task(peon.name(),
                    out2 -> lifecycle.create(peon.name(), providerName, chosen, settings, peon.vars(), out2)));
        }
        out.println("peons: creating " + peons.size() + " peons, " + settings.peonParallelism() + " at a time");
        ParallelHosts.Summary summary = ParallelHosts.run(tasks, settings.peonParallelism(), "created", out);
        ParallelHosts.printSummary(summary, "peons", "created", out);
        return summary.failed().isEmpty() ? 0 : 1;
    }

    private int destroyAll(Layout layout, Settings settings, StepContext context)
            throws StepException, InterruptedException {
        PrintStream out = context.messages();
        HostLifecycle lifecycle = new HostLifecycle(layout);
        List<HostRecord> alive = lifecycle.records().all().stream().filter(HostRecord::mayExist).toList();
        if (alive.isEmpty()) {
            out.println("peons: no host record says a peon may exist; nothing to destroy");
            return 0;
        }
        List<ParallelHosts.Task> tasks = new ArrayList<>();
        Map<String, VmProvider> providers = new HashMap<>();
        for (HostRecord record : alive) {
            VmProvider provider = providers.get(record.provider());
            if (provider == null && !providers.containsKey(record.provider())) {
                try {
                    provider = context.use(VmProvider.class, record.provider());
                } catch (StepException e) {
                    provider = null;
                }
                providers.put(record.provider(), provider);
            }
            VmProvider chosen = provider;
            tasks.add(new ParallelHosts.Task(record.name(), out2 -> {
                if (chosen == null) {
                    throw new StepException("VM provider '" + record.provider() + "' that made it is not installed");
                }
                lifecycle.destroy(record, chosen, settings, Map.of(), out2);
            }));
        }
        out.println("peons: destroying " + alive.size() + " hosts, " + settings.peonParallelism() + " at a time");
        ParallelHosts.Summary summary = ParallelHosts.run(tasks, settings.peonParallelism(), "destroyed", out);
        ParallelHosts.printSummary(summary, "peons", "destroyed", out);
        return summary.failed().isEmpty() ? 0 : 1;
    }

    private static String providerName(Inventory.Peon peon, Settings settings) {
        Object named = peon.vars().get(PEON_PROVIDER);
        return named == null || named.toString().isBlank() ? settings.peonProvider() : named.toString().strip();
    }

    private static VmProvider use(StepContext context, String name, Inventory.Peon peon, Settings settings)
            throws StepException, InterruptedException {
        try {
            return context.use(VmProvider.class, name);
        } catch (StepException e) {
            if (peon.vars().containsKey(PEON_PROVIDER)) {
                throw new StepException("peon " + peon.name() + ": peon_provider '" + name
                        + "' (from the inventory) is not an installed VM provider (" + e.getMessage() + ")");
            }
            throw settings.problem(Settings.PEON_PROVIDER, "'" + name + "' is not an installed VM provider ("
                    + e.getMessage() + ")");
        }
    }
}
