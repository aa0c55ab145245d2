package org.exekutir.launcher;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

import sun.misc.Signal;

/**
 * SIGINT and SIGTERM, as an operator expects of a job runner: the first one interrupts the
 * thread running the transition (the running entry stops its children and cancels
 * provisioning in flight; no further entry starts; host records say what exists), the
 * second one ends the process at once with exit code {@value #ABORTED}.
 *
 * <p>{@code sun.misc.Signal} is the only way a Java program can catch these signals
 * without exiting; it lives in the JDK's {@code jdk.unsupported} module, present in every JDK.
 */
final class Signals {

    static final int ABORTED = 130;

    private final AtomicInteger received = new AtomicInteger();
    private final Thread worker;
    private final PrintStream err;

    private Signals(Thread worker, PrintStream err) {
        this.worker = worker;
        this.err = err;
    }

    /** Routes SIGINT and SIGTERM for the rest of this process to {@code worker}. */
    static Signals install(Thread worker, PrintStream err) {
        Signals signals = new Signals(worker, err);
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> signals.received(signal.getName()));
            } catch (IllegalArgumentException unavailable) {
                // the JVM keeps this signal (e.g. -Xrs); its default stays
            }
        }
        return signals;
    }

    /** Whether a signal arrived. */
    boolean stopping() {
        return received.get() > 0;
    }

    private void received(String name) {
        int count = received.incrementAndGet();
        if (count == 1) {
            err.println("exekutir: SIG" + name + ": stopping: the running entry is interrupted and no further entry "
                    + "starts; a second signal aborts at once");
            err.flush();
            worker.interrupt();
        } else {
            err.println("exekutir: SIG" + name + " again: aborting now; the workspace's hosts/ records say what may "
                    + "still exist (run cleanup)");
            err.flush();
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
