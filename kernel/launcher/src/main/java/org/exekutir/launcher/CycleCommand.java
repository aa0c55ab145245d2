package org.exekutir.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.exekutir.launch.WorkspaceBusyException;
import org.exekutir.launch.WorkspaceLock;

/**
 * {@code exekutir cycle WORKSPACE [JOB_PATH]}: a job's whole life in one command — setup,
 * run when setup succeeded, then cleanup always — with the distribution's
 * {@code exekutir.xn}, in one kernel. Creates WORKSPACE when absent; JOB_PATH (default:
 * the distribution's {@code jobs/quickstart}) goes into a new {@code exekutir_vars.yml}.
 * Exit code: the first failure of setup or run, else cleanup's.
 */
final class CycleCommand {

    static final String NAME = "cycle";
    static final String USAGE = "Usage: exekutir [--verbose] cycle WORKSPACE [JOB_PATH]\n";
    /** The caller variable the workspace step reads for a new exekutir_vars.yml's job_path. */
    static final String JOB_PATH_VARIABLE = "EXEKUTIR_JOB_PATH";
    /** How long cleanup waits for the children of an interrupted transition to end. */
    private static final long CHILDREN_WAIT_SECONDS = 60;

    private CycleCommand() {
    }

    /** Whether these words (after the program's options) ask for a cycle rather than a transition named "cycle". */
    static boolean asked(List<String> words) {
        return !words.isEmpty() && words.get(0).equals(NAME)
                && (words.size() < 3 || !(words.get(2).endsWith(".xn") || words.get(2).equals("-")));
    }

    static int run(List<String> words, boolean verbose, InputStream in, PrintStream out, PrintStream err) {
        if (words.size() < 2 || words.size() > 3) {
            err.println("exekutir: cycle needs WORKSPACE and at most a JOB_PATH");
            err.print(USAGE);
            return Main.USAGE_ERROR;
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path workspace = cwd.resolve(words.get(1)).normalize();
        Map<String, String> environment = new HashMap<>(System.getenv());
        if (words.size() == 3) {
            Path job = cwd.resolve(words.get(2)).normalize();
            if (!Files.isDirectory(job)) {
                err.println("exekutir: JOB_PATH is not a folder: " + words.get(2));
                return Main.USAGE_ERROR;
            }
            environment.put(JOB_PATH_VARIABLE, job.toString());
        }
        try {
            Files.createDirectories(workspace);
            workspace = workspace.toRealPath();
        } catch (IOException e) {
            err.println("exekutir: cannot create WORKSPACE " + workspace + ": " + e.getMessage());
            return Main.USAGE_ERROR;
        }
        Logging.configure(verbose);
        Path home = Home.locate();
        Path file = home.resolve("exekutir.xn");
        Signals signals = Signals.install(Thread.currentThread(), err);
        try (WorkspaceLock lock = WorkspaceLock.acquire(workspace, "exekutir cycle");
                Kernel kernel = Kernel.start(home, Main.buildInfo())) {
            TransitionService engine = kernel.transitionService();
            List<String> summary = new ArrayList<>();
            int first = 0;
            for (String context : List.of("setup", "run", "cleanup")) {
                boolean cleanup = context.equals("cleanup");
                if (!cleanup && (first != 0 || signals.stopping())) {
                    summary.add(context + ": not run" + (signals.stopping() ? " (stopped by a signal)" : ""));
                    continue;
                }
                if (cleanup) {
                    Thread.interrupted(); // a signal ended the earlier transition; cleanup must run whole
                    awaitChildren(err);
                }
                long start = System.nanoTime();
                int code = engine.run(new TransitionRequest(context, workspace, file.toString(), "", home, cwd,
                        environment, in, out, err, true));
                summary.add(String.format("%s: exit %d in %.1f s", context, code, (System.nanoTime() - start) / 1e9));
                if (first == 0) {
                    first = code; // the first failure of setup or run; else cleanup's code
                }
            }
            err.println("exekutir cycle " + workspace + ":");
            summary.forEach(line -> err.println("    " + line));
            err.flush();
            return first;
        } catch (WorkspaceBusyException e) {
            err.println("exekutir: " + e.getMessage());
            return Main.WORKSPACE_BUSY;
        } catch (IOException e) {
            err.println("exekutir: cannot lock the workspace " + workspace + ": " + e.getMessage());
            return Main.CANNOT_LOCK;
        } catch (KernelException e) {
            err.println("exekutir: " + e.getMessage());
            return Main.KERNEL_ERROR;
        }
    }

    /** Children of an interrupted entry get time to stop (and record what they made) before cleanup reads the records. */
    private static void awaitChildren(PrintStream err) {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        if (children.isEmpty()) {
            return;
        }
        err.println("exekutir: waiting for " + children.size() + " stopping child processes before cleanup");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CHILDREN_WAIT_SECONDS);
        for (ProcessHandle child : children) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    child.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
                // still running after the wait: cleanup goes on; the records say what may exist
            }
        }
    }
}
