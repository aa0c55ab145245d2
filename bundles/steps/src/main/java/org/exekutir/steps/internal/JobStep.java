package org.exekutir.steps.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.ProcessOutput;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.exekutir.launch.LaunchVariables;
import org.exekutir.launch.TransitionService;
import org.exekutir.processes.ChildProcesses;
import org.exekutir.sync.processes.MarkedProcesses;
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

    /** The OPTIONAL words for a remote kommandir's run (the launcher reads them when none are given). */
    static final String OPTIONAL_VARIABLE = LaunchVariables.OPTIONAL;

    /** The variable that marks the processes of a remote run of job.xn. */
    static final String JOB_MARK = "EXEKUTIR_JOB_MARK";

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
        int code = kommandir.remote() ? runRemote(kommandir, layout, context)
                : LocalJob.run(engine, context, layout.kommandirWorkspace(), String.join(" ", optionalWords(context)));
        context.messages().println("job: job.xn (" + context.context() + ") ended with exit " + code);
        return code;
    }

    /**
     * The runtime sent by sync push runs job.xn on the kommandir, over its transport. Its
     * processes carry a mark in their environment, recorded in the workspace before they start
     * and removed when the run ends: a mark still there belongs to a run a killed exekutir left
     * behind, which is stopped first (it would hold the kommandir's workspace for an hour).
     */
    private static int runRemote(Kommandir kommandir, Layout layout, StepContext context)
            throws StepException, InterruptedException {
        stopOrphanedRun(kommandir, layout, context);
        String workspace = kommandir.remoteWorkspace();
        List<String> command = new ArrayList<>(ONE_AT_A_TIME);
        command.add(workspace + ".lock");
        command.add(kommandir.remoteRuntime() + "/bin/exekutir");
        command.addAll(List.of(context.context(), workspace, workspace + "/job.xn"));
        Map<String, String> environment = new LinkedHashMap<>();
        // Not on the command line, where ps shows them to every user of the kommandir for the
        // whole run (an OPTIONAL -e OS_PASSWORD=...): the sent runtime reads them from here.
        environment.put(OPTIONAL_VARIABLE, String.join(" ", optionalWords(context)));
        for (String name : REMOTE_ENVIRONMENT) {
            Optional.ofNullable(context.baseEnvironment().getOrDefault(name, context.callerEnvironment().get(name)))
                    .ifPresent(value -> environment.put(name, value));
        }
        String mark = UUID.randomUUID().toString();
        environment.put(JOB_MARK, mark);
        recordMark(layout, mark, context);
        try {
            int code = kommandir.transport(context).run(kommandir.vars(), command, environment, workspace,
                    context.console());
            forgetMark(layout);
            return code;
        } catch (IOException e) {
            throw new StepException("cannot run job.xn on the kommandir over '" + kommandir.transportName() + "': "
                    + e.getMessage(), e);
        }
    }

    /** Stops what a killed exekutir's run of job.xn left on the kommandir, and says so in one line. */
    private static void stopOrphanedRun(Kommandir kommandir, Layout layout, StepContext context)
            throws StepException, InterruptedException {
        Path file = layout.remoteJobMark();
        String mark;
        try {
            mark = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            mark = "";
        }
        if (!mark.matches("[0-9a-f-]{36}")) {
            return;
        }
        ByteArrayOutputStream found = new ByteArrayOutputStream();
        try {
            kommandir.transport(context).run(kommandir.vars(),
                    List.of("sh", "-c", MarkedProcesses.stopScript(JOB_MARK + "=" + mark, ChildProcesses.graceMillis())),
                    Map.of(), "/", ProcessOutput.of(new ProcessOutput.ToStream(found),
                            new ProcessOutput.ToStream(OutputStream.nullOutputStream())));
        } catch (IOException e) {
            context.messages().println("job: cannot look for a run of job.xn left by a killed exekutir: "
                    + e.getMessage());
            return;
        }
        String count = found.toString(StandardCharsets.UTF_8).strip();
        if (!count.isEmpty() && !count.equals("0")) {
            context.messages().println("job: stopped a run of job.xn a killed exekutir left on the kommandir ("
                    + count + " processes)");
        }
        forgetMark(layout);
    }

    /** Written before the run starts; a full disk only costs the orphan check. */
    private static void recordMark(Layout layout, String mark, StepContext context) {
        try {
            Files.writeString(layout.remoteJobMark(), mark + "\n");
        } catch (IOException e) {
            context.messages().println("job: cannot record the run's mark (" + e.getMessage()
                    + "); if this exekutir is killed, its run of job.xn is not stopped by the next one");
        }
    }

    private static void forgetMark(Layout layout) {
        try {
            Files.deleteIfExists(layout.remoteJobMark());
        } catch (IOException e) {
            // a stale mark only makes the next run look for processes that are gone
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
