package org.exekutir.steps.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * {@code destroy} (cleanup): destroys a non-local kommandir when it is older than
 * {@code too_old} days or {@code stonith} is true — also one whose creation failed or was
 * killed (its record says it may exist). A local kommandir (this host) is never destroyed.
 */
@Component(service = StepType.class)
@ExekutirName("destroy")
public class DestroyStep extends NativeStep {

    static final String LOCAL = "local";

    /** The global variable naming a kommandir whose destruction failed in this transition. */
    static final String UNDESTROYED = "EXEKUTIR_UNDESTROYED";

    @Override
    Set<String> worksIn() {
        return Set.of(Contexts.CLEANUP);
    }

    @Override
    String name() {
        return "destroy";
    }

    @Override
    List<OptionSpec> ownOptions() {
        return List.of();
    }

    @Override
    int work(StepOptions options, StepContext context) throws StepException, InterruptedException {
        if (!Contexts.worksIn(context, "destroy", worksIn(), "the kommandir is destroyed in cleanup")) {
            return 0;
        }
        Layout layout = new Layout(context.workspace());
        Settings settings = Settings.read(layout);
        HostLifecycle lifecycle = new HostLifecycle(layout);
        Optional<HostRecord> record = lifecycle.records().find(Layout.KOMMANDIR).filter(HostRecord::mayExist);
        if (record.isEmpty()) {
            context.messages().println("destroy: no kommandir may exist for this workspace; nothing to destroy");
            return 0;
        }
        if (record.get().provider().equals(LOCAL)) {
            context.messages().println("destroy: the kommandir is this host (provider 'local'); it is never destroyed");
            return 0;
        }
        VmProvider provider = KommandirStep.provider(context, settings, record.get().provider(), true);
        Duration age = lifecycle.age(record.get(), provider, settings);
        double days = age.toSeconds() / 86_400.0;
        if (!settings.stonith() && days <= settings.tooOldDays()) {
            context.messages().printf("destroy: kommandir %s kept: %.2f days old, too_old is %s days; "
                    + "set stonith: true in %s to destroy it now%n", record.get().request(), days,
                    settings.tooOldDays(), layout.show(layout.settings()));
            return 0;
        }
        context.messages().printf("destroy: destroying kommandir %s (%s)%n", record.get().request(),
                settings.stonith() ? "stonith is true" : String.format("%.2f days old, too_old is %s days", days,
                        settings.tooOldDays()));
        try {
            lifecycle.destroy(record.get(), provider, settings, Map.of(), context.messages());
        } catch (StepException e) {
            // prune keeps the keys the next cleanup needs for it, whether or not its record could say so
            context.setGlobal(UNDESTROYED, record.get().request());
            throw e;
        }
        return 0;
    }
}
