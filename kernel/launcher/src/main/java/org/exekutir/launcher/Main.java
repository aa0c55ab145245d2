package org.exekutir.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.exekutir.launch.TransitionService;
import org.exekutir.launch.WorkspaceLock;

/**
 * {@code exekutir CONTEXT WORKSPACE FILE.xn [OPTIONAL...]} and the other command lines: a
 * transition or a cycle runs in the daemon of this runtime when one runs for this user
 * (attached: the output, exit code and signals are this process's), else here, in a kernel
 * of its own. A drop-in for ADEPT's {@code adept.py}.
 */
public final class Main {

    /** Exit code of a command line that cannot run. */
    static final int USAGE_ERROR = TransitionService.INVALID;
    /** Exit code when the kernel itself cannot start. */
    static final int KERNEL_ERROR = 70;
    /** Exit code when another transition holds the workspace (EX_TEMPFAIL: try again later). */
    static final int WORKSPACE_BUSY = 75;
    /** Exit code when the workspace's lock file cannot be written (nothing ran). */
    static final int CANNOT_LOCK = 1;
    /** Exit code when a daemon is needed and none runs for this home (EX_UNAVAILABLE). */
    static final int NO_DAEMON = 69;
    /** Exit code when the daemon does not serve this user (EX_NOPERM). */
    static final int DENIED = 77;

    private Main() {
    }

    public static void main(String[] args) {
        preferFastProcessLaunch();
        System.exit(run(args, System.in, System.out, System.err));
    }

    /**
     * Transitions start many short programs. On Java 17 to 21, {@code vfork} starts a
     * child about twice as fast as the default {@code posix_spawn} (which execs a helper
     * first); later Javas deprecate it, so they keep their default.
     */
    private static void preferFastProcessLaunch() {
        String key = "jdk.lang.Process.launchMechanism";
        if (System.getProperty(key) == null && Runtime.version().feature() <= 21) {
            System.setProperty(key, "VFORK");
        }
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Path cwd = Path.of("").toAbsolutePath();
        List<String> words = Arrays.asList(args);
        CommandLine line;
        try {
            line = CommandLine.parse(words, cwd, System.getenv());
        } catch (CommandLine.UsageException e) {
            err.println("exekutir: " + e.getMessage());
            err.print(CommandLine.USAGE);
            return USAGE_ERROR;
        }
        Path home = Home.locate();
        return switch (line.action()) {
            case HELP -> {
                out.print(CommandLine.USAGE);
                yield 0;
            }
            case VERSION -> {
                out.println("exekutir " + buildInfo().getProperty("version"));
                yield 0;
            }
            case DAEMON -> {
                Logging.configure(line.verbose());
                yield DaemonCommand.run(home, out, err);
            }
            case STATUS -> status(home, out, err);
            case CONSOLE -> ConsoleCommand.run(home, in, out, err);
            case BUNDLE -> BundleCommand.run(line.words(), home, cwd, out, err);
            case FEATURE -> BundleCommand.runFeature(line.words(), home, cwd, out, err);
            case ADEPT_LAUNCHER -> AdeptLauncher.write(line.adeptPath(), home, out, err);
            case RUN, CYCLE -> line.daemon() == CommandLine.DaemonUse.NEVER ? oneShot(line, home, cwd, in, out, err)
                    : attachedOrOneShot(line, words, home, cwd, in, out, err);
        };
    }

    /** {@code exekutir status}: the daemon's report; exit 3 when none runs (as LSB status commands do). */
    private static int status(Path home, PrintStream out, PrintStream err) {
        int code = ControlClient.command(home, List.of("status"), out, err);
        return code == NO_DAEMON ? 3 : code;
    }

    /**
     * In the daemon when one runs for this user; with none (or one of another user) in this
     * process, unless {@code --daemon} asked for the daemon.
     */
    private static int attachedOrOneShot(CommandLine line, List<String> words, Path home, Path cwd, InputStream in,
            PrintStream out, PrintStream err) {
        boolean required = line.daemon() == CommandLine.DaemonUse.REQUIRED;
        ControlClient client;
        try {
            client = ControlClient.connect(home);
        } catch (ControlSocket.Unreachable e) {
            if (required) {
                err.println("exekutir: --daemon: " + e.getMessage());
                return e.failure() == ControlSocket.Failure.NONE ? NO_DAEMON : DENIED;
            }
            return oneShot(line, home, cwd, in, out, err);
        } catch (IOException e) {
            err.println("exekutir: cannot connect to the daemon of " + home + ": " + e.getMessage());
            return ControlClient.LOST;
        }
        byte[] stdin;
        try {
            stdin = line.readsStdin() ? in.readAllBytes() : new byte[0];
        } catch (IOException e) {
            err.println("exekutir: cannot read standard input: " + e.getMessage());
            return USAGE_ERROR;
        }
        try (client) {
            client.send(new Wire.Request(Wire.Kind.RUN, words, cwd.toString(), System.getenv(), stdin));
            Signals.install(err, new Runnable() { // not lambdas: see Signals.install
                @Override
                public void run() {
                    client.signal(Wire.INTERRUPT);
                }
            }, new Runnable() {
                @Override
                public void run() {
                    client.signal(Wire.ABORT);
                }
            });
            // Raw descriptors: the daemon's frames are copied byte for byte, flushed as they come.
            OutputStream stdout = new FileOutputStream(FileDescriptor.out);
            OutputStream stderr = new FileOutputStream(FileDescriptor.err);
            return client.answer(out == System.out ? stdout : out, err == System.err ? stderr : err);
        } catch (ControlClient.Refused e) {
            if (required) {
                err.println("exekutir: --daemon: " + e.getMessage());
                return DENIED;
            }
            return oneShot(line, home, cwd, new java.io.ByteArrayInputStream(stdin), out, err);
        } catch (IOException e) {
            err.println("exekutir: " + e.getMessage());
            return ControlClient.LOST;
        }
    }

    /** A transition or cycle in this process: its own kernel, started once the workspace is locked. */
    private static int oneShot(CommandLine line, Path home, Path cwd, InputStream in, PrintStream out,
            PrintStream err) {
        Logging.configure(line.verbose());
        Signals signals = Signals.install(Thread.currentThread(), err);
        Caller caller = new Caller(cwd, System.getenv(), in, out, err, true);
        try (OneShotKernel kernel = new OneShotKernel(home)) {
            try {
                return line.action() == CommandLine.Action.CYCLE
                        ? Runs.cycle(line, caller, home, kernel, WorkspaceLock::acquire, signals, true)
                        : Runs.transition(line, caller, home, kernel, WorkspaceLock::acquire);
            } finally {
                signals.runEnded();
            }
        }
    }

    /** A kernel started the first time the engine is needed, closed with the run. */
    private static final class OneShotKernel implements Runs.Engine, AutoCloseable {
        private final Path home;
        private Kernel kernel;

        OneShotKernel(Path home) {
            this.home = home;
        }

        @Override
        public TransitionService get() throws KernelException {
            if (kernel == null) {
                kernel = Kernel.start(home, buildInfo());
            }
            return kernel.transitionService();
        }

        @Override
        public void close() {
            if (kernel != null) {
                kernel.close();
            }
        }
    }

    static Properties buildInfo() {
        Properties info = new Properties();
        try (InputStream stream = Main.class.getResourceAsStream("launcher.properties")) {
            info.load(stream);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return info;
    }
}
