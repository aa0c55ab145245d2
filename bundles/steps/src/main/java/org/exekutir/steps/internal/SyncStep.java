package org.exekutir.steps.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.SyncOptions;
import org.exekutir.api.host.Transport;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.OptionSpec.OptionType;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.exekutir.launch.WorkspaceLock;
import org.osgi.service.component.annotations.Component;

/**
 * {@code sync} (every context), {@code direction: push} or {@code pull}.
 *
 * <p>push: in setup, builds {@code kommandir_workspace} (the distribution's kommandir
 * defaults, {@code default_*} copies of their top-level {@code *.yml}/{@code *.xn}, then
 * the job's files on top, the settings, and the kommandir's own key pair); on a remote
 * kommandir, sends the runtime and that workspace. pull: brings a remote kommandir's
 * workspace back (in cleanup a failure is reported and tolerated), then copies its
 * {@code results/} into the exekutir's.
 */
@Component(service = StepType.class)
@ExekutirName("sync")
public class SyncStep extends NativeStep {

    static final String DIRECTION = "direction";
    static final String PUSH = "push";
    static final String PULL = "pull";

    /** The launcher's lock of a workspace in use (org.exekutir.launch.WorkspaceLock.FILE): never copied either way. */
    static final String LOCK_FILE = WorkspaceLock.FILE;

    /**
     * What a push sends of the runtime: what the runtime is (its programs, libraries, bundles,
     * configuration and default files), never a daemon's state ({@code run/}: transition logs
     * of other jobs, the control socket, framework storage), its hot-deploy drops or the
     * class-data archives (made per Java).
     */
    static final Set<String> RUNTIME_PARTS = Set.of("bin", "lib", "bundle", "conf", "exekutir.xn", "exekutir",
            "kommandir", "jobs", "examples");
    /**
     * The kommandir's host records are its own: a push from an exekutir whose copy is older
     * (a setup killed before its pull) must not delete the records of peons being made.
     */
    static final SyncOptions PUSH_WORKSPACE = SyncOptions.of(true, List.of(LOCK_FILE), List.of("hosts/**", LOCK_FILE));
    static final SyncOptions PULL_WORKSPACE = SyncOptions.of(true, List.of(LOCK_FILE),
            List.of("ssh/**", "cache/**", LOCK_FILE));

    @Override
    String name() {
        return "sync";
    }

    /** Excludes every top-level entry of the runtime's home that is not one of {@link #RUNTIME_PARTS}. */
    static SyncOptions runtime(Path home) throws IOException {
        List<String> excludes = new ArrayList<>(List.of("lib/cds/**"));
        try (Stream<Path> entries = Files.list(home)) {
            entries.map(entry -> entry.getFileName().toString()).filter(name -> !RUNTIME_PARTS.contains(name)).sorted()
                    .forEach(name -> {
                        excludes.add(name);
                        excludes.add(name + "/**");
                    });
        }
        return SyncOptions.of(true, excludes, List.of());
    }

    @Override
    List<OptionSpec> ownOptions() {
        return List.of(OptionSpec.required(DIRECTION, OptionType.STRING));
    }

    @Override
    public List<String> check(StepOptions options) {
        String direction = options.string(DIRECTION).map(String::strip).orElse("");
        return direction.equals(PUSH) || direction.equals(PULL) ? List.of()
                : List.of("direction must be push (exekutir to kommandir) or pull (back), not '" + direction + "'");
    }

    @Override
    public Map<String, String> describe(StepOptions options, StepContext context) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(DIRECTION, options.string(DIRECTION).orElse("").strip());
        return lines;
    }

    @Override
    int work(StepOptions options, StepContext context) throws StepException, InterruptedException {
        Layout layout = new Layout(context.workspace());
        Settings settings = Settings.read(layout);
        Kommandir kommandir = Kommandir.read(layout);
        boolean push = options.requiredString(DIRECTION).strip().equals(PUSH);
        if (!kommandir.up()) {
            if (Contexts.cleanup(context)) {
                context.messages().println("sync: no kommandir is up (" + kommandir.whyNotUp() + "); nothing to "
                        + (push ? "send" : "bring back"));
                return 0;
            }
            throw kommandir.notUp(push ? "send the kommandir's workspace" : "bring the kommandir's workspace back");
        }
        return push ? push(layout, settings, kommandir, context) : pull(layout, kommandir, context);
    }

    private int push(Layout layout, Settings settings, Kommandir kommandir, StepContext context)
            throws StepException, InterruptedException {
        PrintStream out = context.messages();
        if (context.context().equals(Contexts.SETUP) || !Files.exists(builtMarker(layout))) {
            build(layout, settings, context.home());
            out.println("sync: built " + layout.show(layout.kommandirWorkspace()) + " from "
                    + context.home().resolve("kommandir") + " and " + settings.jobPath(context.home()));
        } else {
            refreshSettings(layout);
        }
        if (!kommandir.remote()) {
            out.println("sync: the kommandir is local; it works in " + layout.kommandirWorkspace());
            return 0;
        }
        Transport transport = kommandir.transport(context);
        try {
            transport.push(context.home(), kommandir.vars(), kommandir.remoteRuntime(), runtime(context.home()));
            out.println("sync: runtime sent to " + kommandir.remoteRuntime());
            transport.push(layout.kommandirWorkspace(), kommandir.vars(), kommandir.remoteWorkspace(), PUSH_WORKSPACE);
            out.println("sync: workspace sent to " + kommandir.remoteWorkspace());
        } catch (IOException e) {
            throw new StepException("cannot send to the kommandir over '" + kommandir.transportName() + "': "
                    + e.getMessage(), e);
        }
        return 0;
    }

    private int pull(Layout layout, Kommandir kommandir, StepContext context) throws StepException, InterruptedException {
        PrintStream out = context.messages();
        if (kommandir.remote()) {
            try {
                Transport transport = kommandir.transport(context);
                transport.pull(kommandir.vars(), kommandir.remoteWorkspace(), layout.kommandirWorkspace(),
                        PULL_WORKSPACE);
                out.println("sync: workspace brought back from " + kommandir.remoteWorkspace());
            } catch (IOException | StepException e) {
                if (!Contexts.cleanup(context)) {
                    throw new StepException("cannot bring the kommandir's workspace back: " + e.getMessage(), e);
                }
                out.println("sync: cannot bring the kommandir's workspace back (" + e.getMessage()
                        + "); tolerated in cleanup, going on");
            }
        }
        copyResults(layout, out);
        return 0;
    }

    /** Lays the kommandir's workspace out: defaults, default_ copies, the job on top, settings, keys. */
    static void build(Layout layout, Settings settings, Path home) throws StepException, InterruptedException {
        Path workspace = layout.kommandirWorkspace();
        Path defaults = home.resolve("kommandir");
        Path job = settings.jobPath(home);
        if (!Files.isDirectory(job)) {
            throw settings.problem(Settings.JOB_PATH, job + " is not a folder");
        }
        try {
            if (Files.isDirectory(defaults)) {
                TreeCopies.copyTree(defaults, workspace, true, path -> path.equals("ssh") || path.equals("cache"));
                try (DirectoryStream<Path> files = Files.newDirectoryStream(defaults, "*.{yml,xn}")) {
                    for (Path file : files) {
                        Files.copy(file, workspace.resolve("default_" + file.getFileName()),
                                StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            TreeCopies.copyTree(job, workspace, true, path -> path.equals("ssh"));
            Files.copy(layout.settings(), workspace.resolve(Layout.SETTINGS), StandardCopyOption.REPLACE_EXISTING);
            Layout inner = new Layout(workspace);
            for (Path folder : List.of(inner.results(), inner.hosts(), inner.hostVars("x").getParent())) {
                Files.createDirectories(folder);
            }
            Keys.ensure(inner, null);
            // written last: a build cut short (a killed setup) is done again by the next push
            YamlFiles.writeText(builtMarker(layout), "built by exekutir's sync step\n");
        } catch (IOException e) {
            throw new StepException("cannot build " + workspace + ": " + e.getMessage(), e);
        }
    }

    /** The mark of a complete kommandir workspace. */
    static Path builtMarker(Layout layout) {
        return layout.kommandirWorkspace().resolve(".exekutir-built");
    }

    /** The kommandir always works with the exekutir's current settings (stonith set for cleanup, say). */
    private static void refreshSettings(Layout layout) throws StepException {
        try {
            Files.copy(layout.settings(), layout.kommandirWorkspace().resolve(Layout.SETTINGS),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StepException("cannot copy " + layout.settings() + " into " + layout.kommandirWorkspace() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The kommandir's results join the exekutir's, where people look for them. */
    static void copyResults(Layout layout, PrintStream out) throws StepException {
        Path from = new Layout(layout.kommandirWorkspace()).results();
        if (!Files.isDirectory(from)) {
            return;
        }
        try {
            TreeCopies.copyTree(from, layout.results(), true, path -> false);
            out.println("sync: the kommandir's results are in " + layout.results());
        } catch (IOException e) {
            throw new StepException("cannot copy " + from + " into " + layout.results() + ": " + e.getMessage(), e);
        }
    }
}
