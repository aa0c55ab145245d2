package org.exekutir.processes;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.exekutir.api.Durations;
import org.exekutir.api.ProcessOutput;
import org.exekutir.api.ProcessOutput.Destination;
import org.exekutir.api.ProcessOutput.Inherit;
import org.exekutir.api.ProcessOutput.Merged;
import org.exekutir.api.ProcessOutput.ToFile;
import org.exekutir.api.ProcessOutput.ToStream;
import org.exekutir.api.secret.SecretMask;

/**
 * Runs a child process to its end with its output routed as a {@link ProcessOutput}
 * says, streamed live, and returns its exit code. The engine and every bundle that runs
 * programs copy this library in, so that they all stream and stop children the same way;
 * it is not API (no third party is bound to its shape), and each copy has its own threads.
 *
 * <p>An interrupt stops the child and everything it started: SIGTERM to the whole tree,
 * then, after a grace ({@value #GRACE_PROPERTY}, default 10 s), SIGKILL to whatever of it
 * is left, grandchildren that the child's death re-parented included, and what any process
 * of the tree started during the grace (the tree is looked at again every 50 ms, and once
 * more before each kill). A second interrupt during the grace kills at once. The tree is
 * read from the process table (Java cannot
 * give a child a process group of its own without an extra {@code setsid} exec per child,
 * which costs more than a whole entry's bookkeeping).
 */
public final class ChildProcesses {

    /**
     * How long output is still read after the child exited. A descendant that outlives the
     * child (ssh's ControlPersist master that Ansible starts) may hold the pipe open for
     * minutes; what the child wrote is in the pipe already and is read within this time.
     */
    private static final long DRAIN_AFTER_EXIT_MILLIS = 2_000;

    /**
     * The system property, and the {@code conf/exekutir.properties} setting the launcher
     * passes on, for how long an interrupted child may take to end after SIGTERM: a
     * {@link Durations} form ({@code 500ms}, {@code 10s}, {@code 2m}), {@code 0} to kill at once.
     */
    public static final String GRACE_PROPERTY = "exekutir.stop.grace";

    private static final long DEFAULT_GRACE_MILLIS = 10_000;
    /** How often, during the grace, the tree is looked at again for what its processes started. */
    private static final long WIDEN_MILLIS = 50;

    private ChildProcesses() {
    }

    /**
     * Starts the process, streams its output, waits for it. The child reads this
     * process's standard input when its standard output is inherited too (a terminal
     * session, as ADEPT did); otherwise it reads an empty input and never blocks on one.
     *
     * @return the exit code; {@code 128 + n} when the child was killed by signal n
     * @throws InterruptedException when this thread is interrupted; the child is then
     *         destroyed (and its descendants asked to stop) before this returns
     */
    public static int run(ProcessBuilder builder, ProcessOutput output) throws IOException, InterruptedException {
        List<Pump> pumps = new ArrayList<>(2);
        builder.redirectOutput(redirect(output.stdout()));
        builder.redirectInput(output.stdout() instanceof Inherit ? ProcessBuilder.Redirect.INHERIT
                : ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (output.stderr() instanceof Merged) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectErrorStream(false);
            builder.redirectError(redirect(output.stderr()));
        }
        Process process = builder.start();
        if (output.stdout() instanceof ToStream to) {
            pumps.add(Pump.start(process.getInputStream(), to.stream(), "stdout of " + process.pid()));
        }
        if (output.stderr() instanceof ToStream to) {
            pumps.add(Pump.start(process.getErrorStream(), to.stream(), "stderr of " + process.pid()));
        }
        try {
            int code = process.waitFor();
            long drainUntil = System.currentTimeMillis() + DRAIN_AFTER_EXIT_MILLIS;
            for (Pump pump : pumps) {
                pump.joinOrThrow(drainUntil);
            }
            return code;
        } catch (InterruptedException e) {
            stop(process.toHandle());
            throw e;
        }
    }

    /**
     * SIGTERM to {@code child} and its descendants, at most {@link #graceMillis()} for them to
     * end, then SIGKILL to all that are left (an interrupt meanwhile cuts the grace short).
     * Returns with the child gone. The caller throws the interrupt it caught; a second one is
     * spent here (its work, ending the grace, is done).
     */
    private static void stop(ProcessHandle child) {
        Set<ProcessHandle> known = new LinkedHashSet<>(tree(child));
        known.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis());
        try {
            while (known.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(Math.max(1, Math.min(WIDEN_MILLIS,
                        TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()))));
                // what a process of the tree starts during the grace is asked to stop too
                widen(known).forEach(ProcessHandle::destroy);
            }
        } catch (InterruptedException again) {
            // a second stop: no more grace
        }
        // Twice: what a process started while the first kills went out is killed by the second.
        for (int round = 0; round < 2; round++) {
            widen(known);
            known.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        try {
            child.onExit().get(1, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            // the kill is sent; the caller is interrupted already
        } catch (TimeoutException | ExecutionException e) {
            // SIGKILL cannot be refused; the child is a zombie being reaped
        }
    }

    /**
     * Adds to {@code known} the descendants each of its living processes has now, and returns
     * those new. A process whose parent died is re-parented out of the child's tree, but it was
     * seen while its parent lived, so it is still known.
     */
    private static List<ProcessHandle> widen(Set<ProcessHandle> known) {
        List<ProcessHandle> added = new ArrayList<>();
        for (ProcessHandle process : List.copyOf(known)) {
            if (process.isAlive()) {
                process.descendants().filter(known::add).forEach(added::add);
            }
        }
        return added;
    }

    /** The child first, then its descendants as the process table has them now. */
    private static List<ProcessHandle> tree(ProcessHandle child) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(child);
        child.descendants().forEach(tree::add);
        return tree;
    }

    /**
     * How long an interrupted child may take to end after SIGTERM: {@value #GRACE_PROPERTY}
     * in the form of {@link Durations}; 10 s when unset or of another form (the engine warns).
     */
    public static long graceMillis() {
        String value = System.getProperty(GRACE_PROPERTY);
        return Durations.parse(value).map(Duration::toMillis).orElse(DEFAULT_GRACE_MILLIS);
    }

    private static ProcessBuilder.Redirect redirect(Destination destination) {
        if (destination instanceof Inherit) {
            return ProcessBuilder.Redirect.INHERIT;
        }
        if (destination instanceof ToFile file) {
            return ProcessBuilder.Redirect.to(file.file().toFile());
        }
        return ProcessBuilder.Redirect.PIPE;
    }

    /**
     * The threads that copy children's output, kept for the next child: a transition of many
     * short commands would otherwise start and end two threads per child.
     */
    private static final ExecutorService PUMPS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "exekutir-output");
        thread.setDaemon(true);
        return thread;
    });

    /** Copies one pipe into a stream, flushing every read so that output is live. */
    private static final class Pump implements Runnable {
        private final InputStream from;
        private final OutputStream to;
        private final String name;
        private final CountDownLatch done = new CountDownLatch(1);
        private volatile IOException failure;

        private Pump(InputStream from, OutputStream to, String name) {
            this.from = from;
            this.to = to;
            this.name = name;
        }

        static Pump start(InputStream from, OutputStream to, String name) {
            Pump pump = new Pump(from, to, name);
            PUMPS.execute(pump);
            return pump;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0;) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
                synchronized (to) {
                    SecretMask.end(to);
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                done.countDown();
            }
        }

        /** Waits for the end of the output, at most until {@code deadline} (a grandchild may hold the pipe open). */
        void joinOrThrow(long deadline) throws InterruptedException {
            done.await(Math.max(1, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            if (failure != null) {
                throw new UncheckedIOException("copying " + name, failure);
            }
        }
    }
}
