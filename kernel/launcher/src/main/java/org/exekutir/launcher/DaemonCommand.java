package org.exekutir.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import sun.misc.Signal;

/**
 * {@code exekutir daemon}: the kernel as a long-lived runtime in the foreground. It adds to
 * the one-shot kernel the bundles of {@code bundle/daemon/} (Gogo, FileInstall, the
 * console) and the framework properties of {@code conf/daemon.properties} (FileInstall's
 * deploy folder, the console port). SIGTERM or SIGINT stops it cleanly: running transitions
 * are interrupted and recorded, the framework stops, its storage is removed, exit code 0.
 *
 * <p>The framework storage ({@code run/felix-cache}) is emptied at every start: a daemon
 * starts from {@code bundle/} and {@code deploy/} as they are, never from what an earlier
 * daemon had installed.
 */
final class DaemonCommand {

    static final String NAME = "daemon";
    /** Exit code when another daemon holds the home or the daemon cannot start. */
    static final int REFUSED = 1;

    private static final long CONSOLE_WAIT_MILLIS = 15_000;
    private static final long CHILD_WAIT_MILLIS = 10_000;

    private DaemonCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty()) {
            err.println("exekutir: daemon takes no arguments: " + String.join(" ", args));
            return Main.USAGE_ERROR;
        }
        Path home = Home.locate();
        try (DaemonLock lock = DaemonLock.acquire(home)) {
            return serve(home, out, err);
        } catch (KernelException e) {
            err.println("exekutir: " + e.getMessage());
            return REFUSED;
        }
    }

    private static int serve(Path home, PrintStream out, PrintStream err) throws KernelException {
        Path run = home.resolve("run");
        Path portFile = run.resolve("console.port");
        deleteQuietly(portFile);
        Kernel.Options options = new Kernel.Options(
                List.of(home.resolve("bundle"), home.resolve("bundle").resolve(NAME)),
                configuration(home), run.resolve("felix-cache"));
        // Before the kernel starts: a signal that comes while it starts must stop it too.
        Stopper stopper = new Stopper();
        stopper.stopOn("TERM");
        stopper.stopOn("INT");
        try (Kernel kernel = Kernel.start(home, Main.buildInfo(), options)) {
            stopper.attach(kernel);
            if (waitForConsole(portFile, stopper)) {
                out.println("exekutir: daemon running, pid " + ProcessHandle.current().pid() + ", home " + home
                        + ", console on 127.0.0.1:" + readPort(portFile));
                out.flush();
            }
            kernel.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitChildren();
        out.println("exekutir: daemon stopped");
        return 0;
    }

    /**
     * Stops the kernel on SIGTERM or SIGINT; {@link #serve} then closes everything and exits
     * 0. A handler rather than a shutdown hook: with a hook the JVM would exit 143 (or 130),
     * and would not wait for the transitions' bookkeeping once the hook returned.
     */
    private static final class Stopper {
        private Kernel kernel;
        private boolean requested;

        void stopOn(String signal) {
            Signal.handle(new Signal(signal), received -> request());
        }

        synchronized void attach(Kernel started) {
            kernel = started;
            if (requested) {
                stop(kernel);
            }
        }

        synchronized void request() {
            requested = true;
            if (kernel != null) {
                stop(kernel);
            }
        }

        synchronized boolean requested() {
            return requested;
        }

        /** Not on the signal's thread: stopping waits for bundles, and the JVM wants that thread back. */
        private static void stop(Kernel kernel) {
            new Thread(kernel::requestStop, "exekutir-stop").start();
        }
    }

    /**
     * The daemon's framework properties: {@code conf/daemon.properties} (FileInstall and the
     * console; {@code ${exekutir.home}} in a value is the home), and how Gogo uses the terminal.
     */
    static Map<String, String> configuration(Path home) throws KernelException {
        Map<String, String> config = new LinkedHashMap<>();
        Path file = home.resolve("conf").resolve("daemon.properties");
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException e) {
                throw new KernelException("cannot read " + file + ": " + e.getMessage(), e);
            }
            for (String key : properties.stringPropertyNames()) {
                config.put(key, properties.getProperty(key).replace("${exekutir.home}", home.toString()));
            }
        }
        // A terminal gets the Gogo shell; its end (Ctrl-D) ends the shell, not the daemon.
        // Without one (a service manager, a test) the shell reads nothing.
        config.put("gosh.args", System.console() != null ? "--noshutdown" : "--nointeractive");
        return config;
    }

    /**
     * The console bundle writes its port once it listens; without it the daemon is no use.
     *
     * @return true once it listens; false when a stop was asked for first
     */
    private static boolean waitForConsole(Path portFile, Stopper stopper) throws KernelException, InterruptedException {
        long deadline = System.nanoTime() + CONSOLE_WAIT_MILLIS * 1_000_000;
        while (!Files.isRegularFile(portFile)) {
            if (stopper.requested()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new KernelException("the console did not open its port (see the messages above; "
                        + "exekutir.console.port in conf/exekutir.properties chooses another)");
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * Interrupted steps have asked their child processes to stop; wait until they have, so
     * this JVM reaps them (in a container whose init reaps nothing, a child that outlives us
     * stays a zombie). One that ignores SIGTERM is killed.
     */
    private static void awaitChildren() {
        long deadline = System.nanoTime() + CHILD_WAIT_MILLIS * 1_000_000;
        for (ProcessHandle child : ProcessHandle.current().children().toList()) {
            try {
                long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                child.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                child.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String readPort(Path portFile) {
        try {
            return Files.readString(portFile).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale file is rewritten when the console listens
        }
    }
}
