package org.exekutir.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.TimeUnit;

import org.exekutir.launch.LaunchVariables;
import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.exekutir.launch.WorkspaceBusyException;
import org.exekutir.launch.WorkspaceLock;

/**
 * The one sequence of a transition and of a cycle — workspace lock, then the engine, then
 * the run — shared by a one-shot process and the daemon, so that an attached run behaves
 * exactly like a one-shot one. Only where the engine comes from and where the output goes
 * differ ({@link Engine}, {@link Caller}).
 */
final class Runs {

    /** The caller variable the workspace step reads for a new exekutir_vars.yml's job_path. */
    static final String JOB_PATH_VARIABLE = LaunchVariables.JOB_PATH;
    /** How long cleanup waits for the children of an interrupted transition to end. */
    private static final long CHILDREN_WAIT_SECONDS = 60;

    /** The transition engine, got once the workspace is locked (a one-shot run starts its kernel then). */
    interface Engine {
        TransitionService get() throws KernelException;
    }

    /** Takes a workspace for one run ({@link WorkspaceLock#acquire} in a one-shot process). */
    interface Locks {
        WorkspaceLock acquire(Path workspace, String holder) throws WorkspaceBusyException, IOException;
    }

    /** Whether the caller asked to stop: after the first signal no further transition of a cycle starts but cleanup. */
    interface Stop {
        boolean stopping();

        /** A second signal or a lost caller: not even cleanup runs (as when a one-shot process is killed). */
        boolean aborted();
    }

    private Runs() {
    }

    static int transition(CommandLine line, Caller caller, Path home, Engine engine, Locks locks) {
        return locked(line.workspace(), "exekutir " + line.context() + " " + line.file(), caller, engine, locks,
                service -> service.run(request(line.context(), line.workspace(), line.file(), line.optional(),
                        line.adeptPath(home), caller, caller.environment())));
    }

    /** What runs with the workspace locked and the engine at hand: the exit code. */
    private interface Locked {
        int run(TransitionService service);
    }

    /**
     * The one sequence of every run, a transition or a cycle: lock the workspace, get the
     * engine (a one-shot run starts its kernel now), run, give the workspace back; each
     * failure on the way as its exit code and one line.
     */
    private static int locked(Path workspace, String holder, Caller caller, Engine engine, Locks locks, Locked body) {
        try (WorkspaceLock lock = locks.acquire(workspace, holder)) {
            return body.run(engine.get());
        } catch (WorkspaceBusyException e) {
            caller.err().println("exekutir: " + e.getMessage());
            return Main.WORKSPACE_BUSY;
        } catch (IOException e) {
            caller.err().println("exekutir: cannot lock the workspace " + workspace + ": " + e.getMessage());
            return Main.CANNOT_LOCK;
        } catch (KernelException e) {
            caller.err().println("exekutir: " + e.getMessage());
            return Main.KERNEL_ERROR;
        }
    }

    /**
     * A job's whole life — setup, run when setup succeeded, then cleanup always — with the
     * runtime's {@code exekutir.xn}. Creates the workspace when absent; the job path goes into
     * a new {@code exekutir_vars.yml}. Exit code: the first failure of setup or run, else
     * cleanup's.
     *
     * @param awaitChildren wait for every child of this process before cleanup (a one-shot
     *                      process: its children are all the job's)
     */
    static int cycle(CommandLine line, Caller caller, Path home, Engine engine, Locks locks, Stop stop,
            boolean awaitChildren) {
        Path workspace = createdWorkspace(line.workspace(), caller);
        if (workspace == null) {
            return Main.USAGE_ERROR;
        }
        Map<String, String> environment = new HashMap<>(caller.environment());
        if (line.jobPath() != null) {
            environment.put(JOB_PATH_VARIABLE, line.jobPath().toString());
        }
        Path adeptPath = line.adeptPath(home);
        String file = adeptPath.resolve("exekutir.xn").toString();
        return locked(workspace, "exekutir cycle", caller, engine, locks, service -> threeContexts(service, workspace,
                context -> request(context, workspace, file, "", adeptPath, caller, environment), caller, stop,
                awaitChildren));
    }

    /** A cycle's workspace, made when absent, by its real path; null (and said so) when it cannot be. */
    private static Path createdWorkspace(Path workspace, Caller caller) {
        try {
            Files.createDirectories(workspace);
            return workspace.toRealPath();
        } catch (IOException e) {
            caller.err().println("exekutir: cannot create WORKSPACE " + workspace + ": " + e.getMessage());
            return null;
        }
    }

    /** setup, run when setup succeeded, cleanup always; one line each; the first failure's exit code. */
    private static int threeContexts(TransitionService service, Path workspace,
            Function<String, TransitionRequest> requestFor, Caller caller, Stop stop, boolean awaitChildren) {
        List<String> summary = new ArrayList<>();
        int first = 0;
        for (String context : List.of("setup", "run", "cleanup")) {
            boolean cleanup = context.equals("cleanup");
            if (stop.aborted() || !cleanup && (first != 0 || stop.stopping())) {
                summary.add(context + ": not run" + (stop.stopping() ? " (stopped by a signal)" : ""));
                continue;
            }
            if (cleanup) {
                Thread.interrupted(); // a signal ended the earlier transition; cleanup must run whole
                if (awaitChildren) {
                    awaitChildren(caller);
                }
            }
            long start = System.nanoTime();
            int code = service.run(requestFor.apply(context));
            summary.add(String.format("%s: exit %d in %.1f s", context, code, (System.nanoTime() - start) / 1e9));
            if (first == 0) {
                first = code; // the first failure of setup or run; else cleanup's code
            }
        }
        caller.err().println("exekutir cycle " + workspace + ":");
        summary.forEach(entry -> caller.err().println("    " + entry));
        caller.err().flush();
        return first;
    }

    /**
     * The caller's variable that gives the OPTIONAL words when the command line gives none:
     * words that must not stand where {@code ps} shows them (the job step hands a remote
     * kommandir's run its OPTIONAL words this way).
     */
    static final String OPTIONAL_VARIABLE = LaunchVariables.OPTIONAL;

    private static TransitionRequest request(String context, Path workspace, String file, String optional, Path home,
            Caller caller, Map<String, String> environment) {
        if (optional.isEmpty() && environment.get(OPTIONAL_VARIABLE) != null) {
            optional = environment.get(OPTIONAL_VARIABLE).strip();
        }
        return new TransitionRequest(context, workspace, file, optional, home, caller.cwd(), environment,
                caller.stdin(), caller.out(), caller.err(), caller.processStdio());
    }

    /** Children of an interrupted entry get time to stop (and record what they made) before cleanup reads the records. */
    private static void awaitChildren(Caller caller) {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        if (children.isEmpty()) {
            return;
        }
        caller.err().println("exekutir: waiting for " + children.size() + " stopping child processes before cleanup");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILDREN_WAIT_SECONDS);
        for (ProcessHandle child : children) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    child.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // still running after the wait: cleanup goes on; the records say what may exist
            }
        }
    }
}
