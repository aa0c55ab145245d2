package org.exekutir.steps.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.exekutir.api.ProcessOutput;
import org.exekutir.api.secret.SecretMask;
import org.exekutir.api.step.StepContext;
import org.exekutir.api.step.StepException;
import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.exekutir.launch.WorkspaceBusyException;
import org.exekutir.launch.WorkspaceLock;

/**
 * The {@code job.xn} of a local kommandir, run by this runtime's own engine on the step's
 * thread: no second JVM and no second framework, in a one-shot process and in the daemon
 * alike. It sees what a child {@code bin/exekutir} in the kommandir's workspace would: the
 * step's base environment as its caller's, that workspace as its directory, the console as
 * its output; an interrupt of the step interrupts it. It holds the kommandir workspace's lock,
 * so nothing else runs a transition there meanwhile; a run dies with the process that runs
 * it, so none can outlive a killed exekutir and hold that workspace.
 */
final class LocalJob {

    private LocalJob() {
    }

    static int run(TransitionService engine, StepContext context, Path workspace, String optional)
            throws StepException, InterruptedException {
        Path file = workspace.resolve("job.xn");
        if (!Files.isRegularFile(file)) {
            throw new StepException(file + " does not exist; sync push builds the kommandir's workspace");
        }
        ProcessOutput console = context.console();
        PrintStream out = stream(console.stdout(), System.out);
        PrintStream err = console.stderr() instanceof ProcessOutput.Merged ? out : stream(console.stderr(), System.err);
        boolean processStdio = console.stdout() instanceof ProcessOutput.Inherit
                && console.stderr() instanceof ProcessOutput.Inherit;
        int code;
        try (WorkspaceLock lock = WorkspaceLock.acquire(workspace, "exekutir job (" + context.context() + ") of "
                + context.workspace())) {
            code = engine.run(new TransitionRequest(context.context(), workspace.toRealPath(), file.toString(),
                    optional, context.home(), workspace, context.baseEnvironment(), InputStream.nullInputStream(), out,
                    err, processStdio));
        } catch (WorkspaceBusyException e) {
            throw new StepException(e.getMessage());
        } catch (IOException e) {
            throw new StepException("cannot lock the kommandir's workspace " + workspace + ": " + e.getMessage(), e);
        } finally {
            out.flush();
            err.flush();
            end(console);
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("job.xn (" + context.context() + ") was interrupted");
        }
        return code;
    }

    /** The job's output has ended: what a masking console still holds is written. */
    private static void end(ProcessOutput console) {
        for (ProcessOutput.Destination destination : List.of(console.stdout(), console.stderr())) {
            if (destination instanceof ProcessOutput.ToStream to) {
                try {
                    SecretMask.end(to.stream());
                } catch (IOException e) {
                    // the caller's stream is gone; the job's exit code still counts
                }
            }
        }
    }

    /** The console's stream: this process's own when inherited, else the one output is copied into. */
    private static PrintStream stream(ProcessOutput.Destination destination, PrintStream inherited) {
        if (destination instanceof ProcessOutput.ToStream to) {
            OutputStream target = to.stream();
            return target instanceof PrintStream print ? print : new PrintStream(target, true, StandardCharsets.UTF_8);
        }
        return inherited;
    }
}
