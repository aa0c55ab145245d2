package org.exekutir.steps.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.SettingProblem;
import org.exekutir.api.host.VmProvider;
import org.exekutir.api.prune.WorkspacePruner;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.exekutir.launch.LaunchVariables;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code workspace} (setup): lays the default exekutir files into the workspace without
 * overwriting any, creates {@code exekutir_vars.yml} with a fresh {@code uuid} when it is
 * absent (never touching an existing one), checks the settings, and prepares {@code ssh/}.
 */
@Component(service = StepType.class)
@ExekutirName("workspace")
public class WorkspaceStep extends NativeStep {

    /** Asked only for the names of the settings they read. */
    @Reference(service = WorkspacePruner.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<WorkspacePruner> pruners = List.of();

    /** The caller's variable that gives a new {@code exekutir_vars.yml} its job_path (the cycle command sets it). */
    static final String JOB_PATH_VARIABLE = LaunchVariables.JOB_PATH;
    static final String KEY_VARIABLE = "ANSIBLE_PRIVATE_KEY_FILE";

    @Override
    Set<String> worksIn() {
        return Set.of(Contexts.SETUP);
    }

    @Override
    String name() {
        return "workspace";
    }

    @Override
    List<OptionSpec> ownOptions() {
        return List.of();
    }

    @Override
    int work(StepOptions options, StepContext context) throws StepException, InterruptedException {
        if (!Contexts.worksIn(context, "workspace", worksIn(), "it prepares the workspace in setup")) {
            return 0;
        }
        Layout layout = new Layout(context.workspace());
        PrintStream out = context.messages();
        try {
            Path defaults = context.home().resolve("exekutir");
            if (Files.isDirectory(defaults)) {
                TreeCopies.copyTree(defaults, layout.root(), false, path -> false);
            }
            for (Path folder : List.of(layout.results(), layout.hosts(), layout.hostVars("x").getParent())) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new StepException("cannot lay out the workspace " + layout.root() + ": " + e.getMessage(), e);
        }
        String jobPath = context.callerEnvironment().get(JOB_PATH_VARIABLE);
        if (!Files.exists(layout.settings())) {
            createSettings(layout, context.home(), jobPath);
            out.println("workspace: created " + layout.settings() + " with a new uuid");
        }
        Settings settings = Settings.read(layout);
        checkJobPath(settings, context.home(), jobPath);
        VmProvider kommandirProvider = checkProvider(settings, context);
        checkEverySetting(settings, kommandirProvider, context);
        out.println("workspace: " + Keys.ensure(layout, keySource(context)));
        out.println("workspace: job " + settings.uuid() + ", job_path " + settings.jobPath(context.home())
                + ", kommandir provider '" + settings.kommandirProvider() + "'");
        return 0;
    }

    static void createSettings(Layout layout, Path home, String jobPath) throws StepException {
        String job = jobPath == null || jobPath.isBlank() ? home.resolve("jobs/quickstart").toString() : jobPath;
        String text = """
                ---
                # This job's settings (exekutir's workspace step wrote the defaults; it never
                # overwrites this file). See README.md, "exekutir_vars.yml", for every key.
                uuid: "%s"
                job_path: "%s"
                kommandir_provider: local
                peon_provider: netns
                peon_parallelism: %d
                stonith: false
                too_old: 3
                adept_debug: false
                """.formatted(UUID.randomUUID(), job.replace("\"", "\\\""), Settings.DEFAULT_PEON_PARALLELISM);
        try {
            YamlFiles.writeText(layout.settings(), text);
        } catch (IOException e) {
            throw new StepException("cannot create " + layout.settings() + ": " + e.getMessage(), e);
        }
    }

    private static void checkJobPath(Settings settings, Path home, String asked) throws StepException {
        Path job = settings.jobPath(home);
        if (asked != null && !asked.isBlank() && !Path.of(asked).toAbsolutePath().normalize().equals(job)) {
            throw settings.problem(Settings.JOB_PATH, "is " + job + ", but " + asked + " was asked for; "
                    + "use a new workspace for another job, or edit the file");
        }
        if (!Files.isDirectory(job)) {
            throw settings.problem(Settings.JOB_PATH, job + " is not a folder");
        }
    }

    private static VmProvider checkProvider(Settings settings, StepContext context)
            throws StepException, InterruptedException {
        try {
            return context.use(VmProvider.class, settings.kommandirProvider());
        } catch (StepException e) {
            throw settings.problem(Settings.KOMMANDIR_PROVIDER, "'" + settings.kommandirProvider()
                    + "' is not an installed VM provider (" + e.getMessage() + ")");
        }
    }

    /**
     * Every setting, before anything is made: what the providers refuse (a bad
     * {@code netns_range} is refused here, not at the first host), and a key one edit away
     * from a setting of the steps, the providers or the pruners ({@code stonit: true}).
     */
    private void checkEverySetting(Settings settings, VmProvider kommandirProvider, StepContext context)
            throws StepException, InterruptedException {
        List<VmProvider> providers = new ArrayList<>(List.of(kommandirProvider));
        if (!settings.peonProvider().equals(settings.kommandirProvider())) {
            try {
                providers.add(context.use(VmProvider.class, settings.peonProvider()));
            } catch (StepException notInstalled) {
                // the peons step names it when a peon needs it
            }
        }
        Set<String> known = new HashSet<>(Settings.OWN_KEYS);
        for (VmProvider provider : providers) {
            List<SettingProblem> problems = provider.checkSettings(settings.values());
            if (!problems.isEmpty()) {
                throw settings.problem(problems.get(0).setting(), problems.get(0).problem());
            }
            known.addAll(provider.settingNames());
        }
        for (WorkspacePruner pruner : pruners) {
            known.addAll(pruner.settingNames());
        }
        Optional<StepException> typo = settings.typo(known);
        if (typo.isPresent()) {
            throw typo.get();
        }
    }

    private static Path keySource(StepContext context) {
        Map<String, String> globals = context.globals();
        String source = globals.getOrDefault(KEY_VARIABLE, context.callerEnvironment().get(KEY_VARIABLE));
        return source == null || source.isBlank() ? null : context.resolve(source);
    }
}
