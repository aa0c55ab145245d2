package org.exekutir.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import sun.misc.Signal;

/**
 * {@code exekutir daemon}: the kernel as a long-lived runtime in the foreground, driven
 * through its control socket ({@code run/control.sock}). It adds to the one-shot kernel the
 * bundles of {@code bundle/daemon/} (FileInstall, the console commands) and the framework
 * properties of {@code conf/daemon.properties} (FileInstall's deploy folder). SIGTERM or
 * SIGINT stops it cleanly: running transitions are interrupted and recorded, the framework
 * stops, its storage is removed, exit code 0.
 *
 * <p>The framework storage ({@code run/felix-cache}) is emptied at every start: a daemon
 * starts from {@code bundle/} and {@code deploy/} as they are, never from what an earlier
 * daemon had installed.
 */
final class DaemonCommand {

    /** Exit code when another daemon holds the home or the daemon cannot start. */
    static final int REFUSED = 1;

    private static final long STOP_WAIT_MILLIS = 30_000;
    private static final long CHILD_WAIT_MILLIS = 10_000;
    /**
     * What the daemon runs code or takes configuration from, and the home that holds them and
     * {@code run/}: writable by its user alone, or anyone who can write there is the daemon.
     */
    private static final List<String> CODE_FOLDERS = List.of("", "bin", "lib", "bundle", "bundle/daemon", "conf",
            "deploy", "features");

    private DaemonCommand() {
    }

    static int run(Path home, PrintStream out, PrintStream err) {
        try (DaemonLock lock = DaemonLock.acquire(home)) {
            return serve(home, out, err);
        } catch (KernelException e) {
            err.println("exekutir: " + e.getMessage());
            return REFUSED;
        }
    }

    private static int serve(Path home, PrintStream out, PrintStream err) throws KernelException {
        Path run = home.resolve("run");
        checkCodeFolders(home);
        Map<String, String> configuration = configuration(home);
        Kernel.Options options = new Kernel.Options(List.of(home.resolve("bundle"), home.resolve("bundle/daemon")),
                configuration, run.resolve("felix-cache"));
        // Before the kernel starts: a signal that comes while it starts must stop it too.
        Stopper stopper = new Stopper();
        stopper.stopOn("TERM");
        stopper.stopOn("INT");
        try (Kernel kernel = Kernel.start(home, Main.buildInfo(), options)) {
            Peers peers = Peers.of(kernel.property(Peers.GROUP_PROPERTY));
            TransitionHistory history = TransitionHistory.open(run.resolve("transitions"),
                    number(kernel, TransitionHistory.KEEP_PROPERTY, TransitionHistory.DEFAULT_KEEP),
                    number(kernel, TransitionHistory.DAYS_PROPERTY, TransitionHistory.DEFAULT_DAYS));
            Daemon daemon = new Daemon(home, kernel, history, peers);
            try (ControlServer control = ControlServer.open(home, peers, daemon)) {
                stopper.attach(kernel, control, daemon);
                if (!stopper.requested()) {
                    out.println("exekutir: daemon running, pid " + ProcessHandle.current().pid() + ", home " + home
                            + ", control socket " + control.socket() + " (" + peers.whoIsServed() + ")");
                    out.flush();
                }
                kernel.awaitStop();
            }
        } catch (IOException e) {
            throw new KernelException("cannot keep the transition history in " + run.resolve("transitions") + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        awaitChildren();
        out.println("exekutir: daemon stopped");
        return 0;
    }

    /**
     * Stops on SIGTERM or SIGINT: first the control socket and the running transitions (they
     * need the engine to end), then the kernel; {@link #serve} then closes everything and
     * exits 0. A handler rather than a shutdown hook: with a hook the JVM would exit 143 (or
     * 130), and would not wait for the transitions' bookkeeping once the hook returned.
     */
    private static final class Stopper {
        private Kernel kernel;
        private ControlServer control;
        private Daemon daemon;
        private boolean requested;

        void stopOn(String signal) {
            Signal.handle(new Signal(signal), received -> request());
        }

        synchronized void attach(Kernel started, ControlServer server, Daemon serving) {
            kernel = started;
            control = server;
            daemon = serving;
            if (requested) {
                stop();
            }
        }

        synchronized void request() {
            if (!requested) {
                requested = true;
                if (kernel != null) {
                    stop();
                }
            }
        }

        synchronized boolean requested() {
            return requested;
        }

        /** Not on the signal's thread: stopping waits for transitions and bundles, and the JVM wants that thread back. */
        private void stop() {
            Kernel k = kernel;
            ControlServer c = control;
            Daemon d = daemon;
            new Thread(() -> {
                c.close();
                d.stop(STOP_WAIT_MILLIS);
                k.requestStop();
            }, "exekutir-stop").start();
        }
    }

    /**
     * The daemon runs what these folders hold as its user (root, for netns): refuse to start
     * when another user owns one or anyone else may write to it.
     */
    private static void checkCodeFolders(Path home) throws KernelException {
        String self = Peers.self().getName();
        for (String name : CODE_FOLDERS) {
            Path folder = name.isEmpty() ? home : home.resolve(name);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try {
                PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class,
                        LinkOption.NOFOLLOW_LINKS);
                String owner = attributes.owner().getName();
                boolean othersWrite = attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)
                        || attributes.permissions().contains(PosixFilePermission.GROUP_WRITE);
                if (!owner.equals(self) && !owner.equals("root") || othersWrite) {
                    throw new KernelException(folder + " is " + (othersWrite ? "writable by others" : "owned by " + owner)
                            + ": whoever can write there runs code as " + self + " in the daemon; make it " + self
                            + "'s alone (chown " + self + " and chmod go-w)");
                }
            } catch (IOException e) {
                throw new KernelException("cannot check " + folder + ": " + e.getMessage(), e);
            }
        }
    }

    private static int number(Kernel kernel, String property, int fallback) {
        String value = kernel.property(property);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            System.err.println("exekutir: " + property + "=" + value + " is not a number; using " + fallback);
            return fallback;
        }
    }

    /** The daemon's framework properties: {@code conf/daemon.properties}; {@code ${exekutir.home}} in a value is the home. */
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
        return config;
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
}
