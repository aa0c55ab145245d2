package org.exekutir.steps.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.exekutir.api.ExekutirName;
import org.exekutir.api.host.HostVars;
import org.exekutir.api.host.Transport;
import org.exekutir.api.step.OptionSpec;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.api.step.StepOptions;
import org.exekutir.api.step.StepType;
import org.osgi.service.component.annotations.Component;

/**
 * {@code job} (every context): runs the kommandir workspace's {@code job.xn} for the same
 * context on the kommandir — {@code bin/exekutir} as a child through the {@code local}
 * transport when the kommandir is local, the runtime sent by {@code sync push} over the
 * host's transport when it is remote — and parks its exit code in
 * {@code kommandir_<context>.exit}, as ADEPT does, so that the pull still happens; a later
 * entry passes the code up.
 */
@Component(service = StepType.class)
@ExekutirName("job")
public class JobStep extends NativeStep {

    /**
     * One job.xn at a time per kommandir workspace: a run orphaned by a killed exekutir (its
     * connection gone, the process still at work) holds the lock until it ends, so a later
     * cleanup reads the host records it leaves instead of racing with it. flock(1) is part
     * of util-linux, present on every Linux host.
     */
    private static final List<String> ONE_AT_A_TIME = List.of("flock", "--wait", "3600");

    /**
     * What a remote kommandir's run gets of this side's environment: the terminal type, and
     * JAVA_HOME (bin/exekutir uses it only when it holds a Java there, else the host's own).
     */
    private static final List<String> REMOTE_ENVIRONMENT = List.of("TERM", "JAVA_HOME");

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
        Transport transport = kommandir.transport(context);
        List<String> command = new ArrayList<>();
        String workspace;
        Map<String, String> environment = new LinkedHashMap<>();
        command.addAll(ONE_AT_A_TIME);
        if (kommandir.remote()) {
            workspace = kommandir.remoteWorkspace();
            command.add(workspace + ".lock");
            command.add(kommandir.remoteRuntime() + "/bin/exekutir");
            for (String name : REMOTE_ENVIRONMENT) {
                Optional.ofNullable(context.baseEnvironment().getOrDefault(name, context.callerEnvironment().get(name))).ifPresent(value -> environment.put(name, value));
            }
        } else {
            workspace = layout.kommandirWorkspace().toString();
            if (!Files.isRegularFile(layout.kommandirWorkspace().resolve("job.xn"))) {
                throw new StepException(layout.kommandirWorkspace().resolve("job.xn")
                        + " does not exist; sync push builds the kommandir's workspace");
            }
            command.add(workspace + ".lock");
            command.add(context.home().resolve("bin").resolve("exekutir").toString());
            environment.putAll(context.baseEnvironment());
        }
        command.addAll(List.of(context.context(), workspace, workspace + "/job.xn"));
        command.addAll(optionalWords(context));
        context.messages().println("job: running job.xn (" + context.context() + ") on the "
                + (kommandir.remote() ? "kommandir " + kommandir.vars().string(HostVars.ADDRESS).orElse("")
                        : "local kommandir") + " in " + workspace);
        int code;
        try {
            code = transport.run(kommandir.vars(), command, environment, workspace, context.console());
        } catch (IOException e) {
            throw new StepException("cannot run job.xn on the kommandir over '" + kommandir.transportName() + "': "
                    + e.getMessage(), e);
        }
        context.messages().println("job: job.xn (" + context.context() + ") ended with exit " + code);
        return code;
    }

    private static List<String> optionalWords(StepContext context) throws StepException {
        try {
            return context.optionalWords();
        } catch (IllegalArgumentException e) {
            throw new StepException("the OPTIONAL words cannot be split to pass them to job.xn: " + e.getMessage());
        }
    }
}
