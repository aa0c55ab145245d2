package org.exekutir.launcher;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM, as an operator expects of a job runner: the first one stops the
 * transition (the running entry stops its children and cancels provisioning in flight; no
 * further entry starts; host records say what exists), the second one ends the process at
 * once with exit code {@value #ABORTED}. A one-shot run stops by interrupting the thread
 * that runs the transition; an attached client by telling the daemon.
 *
 * <p>{@code sun.misc.Signal} is the only way a Java program can catch these signals
 * without exiting; it lives in the JDK's {@code jdk.unsupported} module, present in every JDK.
 */
final class Signals implements Runs.Stop {

    static final int ABORTED = 130;

    /** How long an aborting one-shot run waits for its worker to stop commands on other hosts. */
    private static final long REMOTE_STOP_MILLIS = 2_000;

    /**
     * A signal this soon after the first is the same one delivered twice, not a second: a
     * wrapper that forwards a signal its child got too ({@code bin/exekutir} while it makes
     * its class-data archive), a {@code kill} of the whole process group, a stop script that
     * signals a process tree. No person presses Ctrl-C twice within it.
     */
    static final long SAME_SIGNAL_NANOS = 100_000_000L;

    private final AtomicInteger received = new AtomicInteger();
    private volatile long firstNanos;
    private volatile boolean runEnded;
    private final PrintStream err;
    private final Runnable stop;
    private final Runnable abort;

    /** Package-private for tests, which must not install handlers into their own JVM. */
    Signals(PrintStream err, Runnable stop, Runnable abort) {
        this.err = err;
        this.stop = stop;
        this.abort = abort;
    }

    /**
     * Routes SIGINT and SIGTERM for the rest of this process to {@code worker}: the first
     * interrupts it (the running child gets SIGTERM, then SIGKILL after the grace); the second
     * interrupts it again, which ends the grace, and kills this process's descendants at once.
     * The worker gets a moment to stop what it runs on other hosts before the process ends.
     */
    static Signals install(Thread worker, PrintStream err) {
        Signals[] installed = new Signals[1];
        installed[0] = install(err, worker::interrupt, () -> {
            worker.interrupt();
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            // interrupted again until the run is over, not while the kernel closes after it
            Abort.interruptUntilDone(worker, () -> installed[0].runEnded, REMOTE_STOP_MILLIS);
        });
        return installed[0];
    }

    /** The worker's run is over: an abort no longer interrupts it. */
    void runEnded() {
        runEnded = true;
    }

    /**
     * Routes SIGINT and SIGTERM for the rest of this process: the first runs {@code stop},
     * the second runs {@code abort} and then ends the process.
     */
    static Signals install(PrintStream err, Runnable stop, Runnable abort) {
        Signals signals = new Signals(err, stop, abort);
        // An anonymous class, not a lambda: the attached client's start has no time for
        // setting up method handles.
        SignalHandler handler = new SignalHandler() {
            @Override
            public void handle(Signal signal) {
                signals.received(signal.getName(), System.nanoTime());
            }
        };
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), handler);
            } catch (IllegalArgumentException unavailable) {
                // the JVM keeps this signal (e.g. -Xrs); its default stays
            }
        }
        return signals;
    }

    @Override
    public boolean stopping() {
        return received.get() > 0;
    }

    /** After the second signal: the worker, given a moment to stop remote commands, starts nothing more. */
    @Override
    public boolean aborted() {
        return received.get() > 1;
    }

    /**
     * Synchronized: the JVM starts a thread per signal, so a signal delivered twice at once
     * runs this twice at once, and the second must see the first's count and time.
     */
    synchronized void received(String name, long nanos) {
        if (received.get() == 1 && nanos - firstNanos < SAME_SIGNAL_NANOS) {
            return;
        }
        int count = received.incrementAndGet();
        if (count == 1) {
            firstNanos = nanos;
            err.println("exekutir: SIG" + name + ": stopping: the running entry is interrupted and no further entry "
                    + "starts; a second signal aborts at once");
            err.flush();
            stop.run();
        } else {
            err.println("exekutir: SIG" + name + " again: aborting now; the workspace's hosts/ records say what may "
                    + "still exist (run cleanup)");
            err.flush();
            abort.run();
            Thread exit = new Thread(() -> System.exit(ABORTED), "exekutir-abort");
            exit.setDaemon(true);
            exit.start();
            try {
                exit.join(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(ABORTED);
        }
    }
}
