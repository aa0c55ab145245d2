package org.exekutir.steps.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.prune.PruneReport;
import org.exekutir.api.prune.WorkspacePruner;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code prune} (cleanup): applies every installed workspace pruner to the workspace (the
 * kommandir's copy inside it included) unless {@code adept_debug} is true, and writes what
 * they did to {@code results/prune_report.yml}.
 */
@Component(service = StepType.class)
@ExekutirName("prune")
public class PruneStep extends NativeStep {

    static final String REPORT = "prune_report.yml";

    @Override
    Set<String> worksIn() {
        return Set.of(Contexts.CLEANUP);
    }

    @Override
    String name() {
        return "prune";
    }

    @Override
    List<OptionSpec> ownOptions() {
        return List.of();
    }

    @Override
    int work(StepOptions options, StepContext context) throws StepException, InterruptedException {
        if (!Contexts.worksIn(context, "prune", worksIn(), "the workspace is pruned in cleanup")) {
            return 0;
        }
        Layout layout = new Layout(context.workspace());
        Settings settings = Settings.read(layout);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("pruned_at", Instant.now().toString());
        if (settings.adeptDebug()) {
            report.put("skipped", "adept_debug is true: everything is kept");
            context.messages().println("prune: adept_debug is true; the workspace is kept whole");
        } else {
            report.put("pruners", prune(context.serviceNames(WorkspacePruner.class), layout,
                    keepingWhatTheNextCleanupNeeds(layout, settings, context), context));
        }
        try {
            YamlFiles.write(layout.results().resolve(REPORT), report, "what exekutir's prune step removed or masked");
        } catch (IOException e) {
            throw new StepException("cannot write " + layout.results().resolve(REPORT) + ": " + e.getMessage(), e);
        }
        return 0;
    }

    /**
     * A failed cleanup never removes what the next one needs: while a host whose destruction
     * failed may still exist, the job's keys ({@code ssh/}, the kommandir's too) stay, so the
     * next cleanup can log in to finish it.
     */
    static Map<String, Object> keepingWhatTheNextCleanupNeeds(Layout layout, Settings settings, StepContext context)
            throws StepException {
        List<String> standing = new ArrayList<>();
        for (HostRecord record : new HostRecords(layout).all()) {
            if (record.state() == HostRecord.State.DESTROYING) {
                standing.add(record.request());
            }
        }
        String undestroyed = context.globals().get(DestroyStep.UNDESTROYED);
        if (undestroyed != null && !standing.contains(undestroyed)) {
            standing.add(undestroyed);
        }
        if (standing.isEmpty()) {
            return settings.values();
        }
        context.messages().println("prune: keeping the job's keys (ssh/): " + String.join(", ", standing)
                + " may still exist, and the next cleanup logs in with them to finish");
        Map<String, Object> keeping = new LinkedHashMap<>(settings.values());
        List<Object> keep = new ArrayList<>(List.of("ssh/**", Layout.KOMMANDIR_WORKSPACE + "/ssh/**"));
        if (settings.values().get(KEEP_SETTING) instanceof List<?> more) {
            keep.addAll(more);
        }
        keeping.put(KEEP_SETTING, keep);
        return keeping;
    }

    /** The secrets pruner's setting of paths it leaves alone. */
    static final String KEEP_SETTING = "prune_keep";

    static List<Map<String, Object>> prune(Set<String> names, Layout layout, Map<String, Object> settings,
            StepContext context)
            throws StepException, InterruptedException {
        List<Map<String, Object>> reports = new ArrayList<>();
        if (names.isEmpty()) {
            context.messages().println("prune: no workspace pruner is installed; nothing pruned");
        }
        List<String> failed = new ArrayList<>();
        for (String name : names) {
            WorkspacePruner pruner = context.use(WorkspacePruner.class, name);
            PruneReport done;
            try {
                done = pruner.prune(layout.root(), settings);
            } catch (IOException e) {
                // the other pruners still run: each removes what it can
                failed.add("pruner '" + name + "' failed: " + e.getMessage());
                continue;
            }
            context.messages().println("prune: " + name + " removed " + done.removed().size() + ", masked lines in "
                    + done.redacted().size() + " files");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pruner", name);
            // fresh lists: YAML would write one list shared by both keys as an anchor and an alias
            entry.put("removed", new ArrayList<>(done.removed()));
            entry.put("redacted", new ArrayList<>(done.redacted()));
            reports.add(entry);
        }
        if (!failed.isEmpty()) {
            throw new StepException(String.join("; ", failed));
        }
        return reports;
    }
}
