package org.exekutir.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The daemon's side of one attached transition or cycle: it runs on the connection's thread
 * through the same {@link Runs} as a one-shot process, its output goes back as frames (and
 * into its log), and the client's signals arrive as frames: the first {@link Wire#INTERRUPT}
 * interrupts it, an {@link Wire#ABORT} or a lost connection stops it as a killed one-shot
 * process stops (no cleanup of a cycle runs after it).
 */
final class AttachedRun implements Runs.Stop {

    /** How long an aborted run's worker is interrupted again and again, until it ends. */
    private static final long ABORT_MILLIS = 10_000;

    private final Thread worker = Thread.currentThread();
    private volatile boolean stopping;
    private volatile boolean aborted;
    private volatile boolean done;

    @Override
    public boolean stopping() {
        return stopping;
    }

    @Override
    public boolean aborted() {
        return aborted;
    }

    /** The daemon stops: as a first signal would. */
    void interrupt() {
        stopping = true;
        worker.interrupt();
    }

    /**
     * Runs the request's command line to its end and sends its exit code.
     *
     * @param line the parsed request (a transition or a cycle)
     */
    static void serve(CommandLine line, Wire.Request request, String user, InputStream in, Outbox outbox,
            Daemon daemon) {
        AttachedRun run = new AttachedRun();
        TransitionHistory.Record record = daemon.history().begin(user, line.context(), line.workspace().toString(),
                line.action() == CommandLine.Action.CYCLE ? line.adeptPath(daemon.home()).resolve("exekutir.xn").toString()
                        : line.file());
        int code = Main.KERNEL_ERROR;
        daemon.started(run);
        try (OutputStream log = daemon.history().appendLog(record)) {
            PrintStream out = new PrintStream(new FrameStream(outbox, Wire.STDOUT, log), true, StandardCharsets.UTF_8);
            PrintStream err = new PrintStream(new FrameStream(outbox, Wire.STDERR, log), true, StandardCharsets.UTF_8);
            Caller caller = new Caller(Path.of(request.cwd()), request.environment(),
                    new ByteArrayInputStream(request.stdin()), out, err, false);
            Thread listener = new Thread(() -> run.listen(in), "exekutir-control-signals");
            listener.setDaemon(true);
            listener.start();
            try {
                code = line.action() == CommandLine.Action.CYCLE
                        ? Runs.cycle(line, caller, daemon.home(), daemon::engine, daemon::lock, run, false)
                        : Runs.transition(line, caller, daemon.home(), daemon::engine, daemon::lock);
            } catch (RuntimeException e) {
                err.println("exekutir: the transition failed unexpectedly: " + e);
            }
            out.flush();
            err.flush();
        } catch (IOException e) {
            System.err.println("exekutir: daemon: cannot close the log of transition " + record.id() + ": " + e);
        } finally {
            run.done = true;
            Thread.interrupted(); // the record is written by this thread; an interrupt would close its file
            daemon.history().end(record, code);
            daemon.ended(run);
            outbox.send(Wire.EXIT, Wire.code(code));
        }
    }

    /** Reads the client's frames until the run ends: its signals, or the end of its connection. */
    private void listen(InputStream in) {
        try {
            for (Wire.Frame frame = Wire.read(in); frame != null && !done; frame = Wire.read(in)) {
                if (frame.type() == Wire.INTERRUPT) {
                    interrupt();
                } else if (frame.type() == Wire.ABORT) {
                    break;
                }
            }
        } catch (IOException e) {
            // the connection is gone: as if the caller was killed
        }
        if (!done) {
            aborted = true;
            interrupt();
            Abort.interruptUntilDone(worker, () -> done, ABORT_MILLIS);
        }
    }

}
