package org.exekutir.steps.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.VmProvider;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code kommandir} (every context): finds or creates the kommandir with its VM provider,
 * merges the variables it returns into {@code inventory/host_vars/kommandir.yml} and keeps
 * them under {@code results/hosts/}. In cleanup it never creates a kommandir that was never
 * asked for or was destroyed: there is nothing on it to clean up.
 */
@Component(service = StepType.class)
@ExekutirName("kommandir")
public class KommandirStep extends NativeStep {

    @Override
    String name() {
        return "kommandir";
    }

    @Override
    List<OptionSpec> ownOptions() {
        return List.of();
    }

    @Override
    int work(StepOptions options, StepContext context) throws StepException, InterruptedException {
        Layout layout = new Layout(context.workspace());
        Settings settings = Settings.read(layout);
        HostLifecycle hosts = new HostLifecycle(layout);
        Optional<HostRecord> record = hosts.records().find(Layout.KOMMANDIR).filter(HostRecord::mayExist);
        if (Contexts.cleanup(context) && record.isEmpty()) {
            context.messages().println("kommandir: none was created for this workspace, or it was destroyed; "
                    + "nothing to clean up on it");
            return 0;
        }
        String providerName = record.map(HostRecord::provider).orElse(settings.kommandirProvider());
        if (record.isPresent() && !providerName.equals(settings.kommandirProvider())) {
            context.messages().println("kommandir: keeping provider '" + providerName + "' of the kommandir that "
                    + "exists, although " + Settings.KOMMANDIR_PROVIDER + " is now '" + settings.kommandirProvider() + "'");
        }
        VmProvider provider = provider(context, settings, providerName, record.isPresent());
        hosts.create(Layout.KOMMANDIR, providerName, provider, settings, Map.of(), context.messages());
        return 0;
    }

    static VmProvider provider(StepContext context, Settings settings, String name, boolean fromRecord)
            throws StepException, InterruptedException {
        try {
            return context.use(VmProvider.class, name);
        } catch (StepException e) {
            if (fromRecord) {
                throw new StepException("the kommandir was made by VM provider '" + name
                        + "' (hosts/kommandir.yml), which is not installed: " + e.getMessage());
            }
            throw settings.problem(Settings.KOMMANDIR_PROVIDER, "'" + name + "' is not an installed VM provider ("
                    + e.getMessage() + ")");
        }
    }
}
