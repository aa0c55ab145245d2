package org.exekutir.steps.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.exekutir.launch.TransitionService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code job} (every context): runs the kommandir workspace's {@code job.xn} for the same
 * context on the kommandir — by this runtime's engine, in this process, when the kommandir
 * is local ({@link LocalJob}); the runtime sent by {@code sync push}, over the host's
 * transport, when it is remote — and parks its exit code in
 * {@code kommandir_<context>.exit}, as ADEPT does, so that the pull still happens; a later
 * entry passes the code up.
 */
@Component(service = StepType.class)
@ExekutirName("job")
public class JobStep extends NativeStep {

    /**
     * One job.xn at a time per remote kommandir workspace: a run orphaned by a killed exekutir
     * (its connection gone, the process still at work) holds the lock until it ends, so a
     * later cleanup reads the host records it leaves instead of racing with it. flock(1) is
     * part of util-linux, present on every Linux host.
     */
    private static final List<String> ONE_AT_A_TIME = List.of("flock", "--wait", "3600");

    /**
     * What a remote kommandir's run gets of this side's environment: the terminal type, and
     * JAVA_HOME (bin/exekutir uses it only when it holds a Java there, else the host's own).
     */
    private static final List<String> REMOTE_ENVIRONMENT = List.of("TERM", "JAVA_HOME");

    /** Runs a local kommandir's job.xn. Static: a new engine restarts this step type, as it should. */
    @Reference
    private TransitionService engine;

    public JobStep() {
    }

    /** For tests outside a framework. */
    JobStep(TransitionService engine) {
        this.engine = engine;
    }

    @Override
    String name() {
        return "job";
    }

    @Override
    List<OptionSpec> ownOptions() {
        return List.of();
    }

    @Override
    Optional<Path> defaultExitFile(StepContext context) {
        return Optional.of(new Layout(context.workspace()).exitFile(context.context()));
    }

    @Override
    int work(StepOptions options, StepContext context) throws StepException, InterruptedException {
        Layout layout = new Layout(context.workspace());
        Kommandir kommandir = Kommandir.read(layout);
        if (!kommandir.up()) {
            if (Contexts.cleanup(context)) {
                context.messages().println("job: no kommandir is up (" + kommandir.whyNotUp()
                        + "); job.xn not run in cleanup");
                return 0;
            }
            throw kommandir.notUp("run job.xn");
        }
        String where = kommandir.remote() ? "the kommandir " + kommandir.vars().string(HostVars.ADDRESS).orElse("")
                + " in " + kommandir.remoteWorkspace() : "the local kommandir in " + layout.kommandirWorkspace();
        context.messages().println("job: running job.xn (" + context.context() + ") on " + where);
        int code = kommandir.remote() ? runRemote(kommandir, context)
                : LocalJob.run(engine, context, layout.kommandirWorkspace(), String.join(" ", optionalWords(context)));
        context.messages().println("job: job.xn (" + context.context() + ") ended with exit " + code);
        return code;
    }

    /** The runtime sent by sync push runs job.xn on the kommandir, over its transport. */
    private static int runRemote(Kommandir kommandir, StepContext context) throws StepException, InterruptedException {
        String workspace = kommandir.remoteWorkspace();
        List<String> command = new ArrayList<>(ONE_AT_A_TIME);
        command.add(workspace + ".lock");
        command.add(kommandir.remoteRuntime() + "/bin/exekutir");
        command.addAll(List.of(context.context(), workspace, workspace + "/job.xn"));
        command.addAll(optionalWords(context));
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : REMOTE_ENVIRONMENT) {
            Optional.ofNullable(context.baseEnvironment().getOrDefault(name, context.callerEnvironment().get(name)))
                    .ifPresent(value -> environment.put(name, value));
        }
        try {
            return kommandir.transport(context).run(kommandir.vars(), command, environment, workspace,
                    context.console());
        } catch (IOException e) {
            throw new StepException("cannot run job.xn on the kommandir over '" + kommandir.transportName() + "': "
                    + e.getMessage(), e);
        }
    }

    private static List<String> optionalWords(StepContext context) throws StepException {
        try {
            return context.optionalWords();
        } catch (IllegalArgumentException e) {
            throw new StepException("the OPTIONAL words cannot be split to pass them to job.xn: " + e.getMessage());
        }
    }
}
