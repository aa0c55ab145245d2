package org.exekutir.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.exekutir.launch.TransitionRequest;
import org.exekutir.launch.TransitionService;
import org.exekutir.launch.WorkspaceBusyException;
import org.exekutir.launch.WorkspaceLock;

/**
 * {@code exekutir CONTEXT WORKSPACE FILE.xn [OPTIONAL...]}: boots the kernel, runs one
 * transition, exits with its code. A drop-in for ADEPT's {@code adept.py}.
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
        Integer served = runService(Arrays.asList(args), cwd, out, err);
        if (served != null) {
            return served;
        }
        List<String> words = Arrays.asList(args);
        int firstWord = CommandLine.firstWord(words);
        if (CycleCommand.asked(words.subList(firstWord, words.size()))) {
            return CycleCommand.run(words.subList(firstWord, words.size()),
                    words.subList(0, firstWord).contains("--verbose") || words.subList(0, firstWord).contains("-v"),
                    in, out, err);
        }
        CommandLine line;
        try {
            line = CommandLine.parse(Arrays.asList(args), cwd);
        } catch (CommandLine.UsageException e) {
            err.println("exekutir: " + e.getMessage());
            err.print(CommandLine.USAGE);
            return USAGE_ERROR;
        }
        switch (line.action()) {
            case HELP -> {
                out.print(CommandLine.USAGE);
                return 0;
            }
            case VERSION -> {
                out.println("exekutir " + buildInfo().getProperty("version"));
                return 0;
            }
            default -> {
                return runTransition(line, cwd, in, out, err);
            }
        }
    }

    /**
     * {@code exekutir [--verbose] daemon} and {@code exekutir bundle ...}: the standalone
     * runtime and the commands that act on it.
     *
     * @return the exit code, or {@code null} when the arguments ask for a transition
     */
    private static Integer runService(List<String> args, Path cwd, PrintStream out, PrintStream err) {
        int first = 0;
        while (first < args.size() && (args.get(first).equals("--verbose") || args.get(first).equals("-v"))) {
            first++;
        }
        if (first == args.size()) {
            return null;
        }
        List<String> rest = args.subList(first + 1, args.size());
        switch (args.get(first)) {
            case DaemonCommand.NAME -> {
                Logging.configure(first > 0);
                return DaemonCommand.run(rest, out, err);
            }
            case BundleCommand.NAME -> {
                return BundleCommand.run(rest, cwd, out, err);
            }
            default -> {
                return null;
            }
        }
    }

    private static int runTransition(CommandLine line, Path cwd, InputStream in, PrintStream out, PrintStream err) {
        Logging.configure(line.verbose());
        Path home = Home.locate();
        try (WorkspaceLock lock = WorkspaceLock.acquire(line.workspace(),
                "exekutir " + line.context() + " " + line.file());
                Kernel kernel = Kernel.start(home, buildInfo())) {
            TransitionService engine = kernel.transitionService();
            Signals.install(Thread.currentThread(), err);
            TransitionRequest request = new TransitionRequest(line.context(), line.workspace(), line.file(),
                    line.optional(), home, cwd, System.getenv(), in, out, err, true);
            return engine.run(request);
        } catch (WorkspaceBusyException e) {
            err.println("exekutir: " + e.getMessage());
            return WORKSPACE_BUSY;
        } catch (IOException e) {
            err.println("exekutir: cannot lock the workspace " + line.workspace() + ": " + e.getMessage());
            return CANNOT_LOCK;
        } catch (KernelException e) {
            err.println("exekutir: " + e.getMessage());
            return KERNEL_ERROR;
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
