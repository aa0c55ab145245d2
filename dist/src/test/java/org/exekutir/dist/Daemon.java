package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code bin/exekutir daemon} of a private copy of the built runtime (so tests own its home,
 * its {@code deploy/} and its {@code run/}). {@link #close()} stops it with SIGTERM and,
 * should that fail, kills it and its children.
 */
final class Daemon implements AutoCloseable {

    /** How long a daemon may take to start, and the longest any wait of a test lasts. */
    static final long WAIT_SECONDS = 120;

    final Path home;
    final Process process;
    private final Path stdout;
    private final Path stderr;

    private Daemon(Path home, Process process, Path stdout, Path stderr) {
        this.home = home;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Copies the runtime to {@code home} (a folder that does not exist yet). */
    static Path copyRuntime(Path home) throws IOException {
        try (Stream<Path> paths = Files.walk(Exekutir.HOME)) {
            for (Path source : paths.toList()) {
                String relative = Exekutir.HOME.relativize(source).toString();
                if (relative.startsWith("run") || relative.startsWith("lib/cds")) {
                    continue;
                }
                Path target = home.resolve(relative);
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
        return home;
    }

    /** Starts the daemon of {@code home} and waits until its control socket listens. */
    static Daemon start(Path home) throws IOException {
        Path stdout = Files.createTempFile("exekutir-daemon-", ".out");
        Path stderr = Files.createTempFile("exekutir-daemon-", ".err");
        Process process = new Exekutir(home.resolve("bin/exekutir")).builder("daemon")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        Daemon daemon = new Daemon(home, process, stdout, stderr);
        daemon.await("the daemon to say it runs", () -> Exekutir.read(stdout).contains("daemon running")
                || !process.isAlive());
        if (!process.isAlive()) {
            fail("the daemon ended at start\n" + daemon.output());
        }
        return daemon;
    }

    Path socket() {
        return home.resolve("run/control.sock");
    }

    /** What one console command answered. */
    record Answer(int exit, String output, String message) {
        @Override
        public String toString() {
            return "exit " + exit + " " + message + "\n" + output;
        }
    }

    /** Runs one console command line through {@code exekutir console}, as its owner would type it. */
    Answer console(String line) {
        Exekutir.Result result = cli().stdin(line + "\n").run("console");
        return new Answer(result.exit(), result.stdout(), result.stderr());
    }

    /** {@code bin/exekutir} of this daemon's home. */
    Exekutir cli() {
        return new Exekutir(home.resolve("bin/exekutir"));
    }

    /** Waits (bounded) for a condition; a test fails with the daemon's output when it does not come. */
    void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + WAIT_SECONDS + " s in vain for " + what + "\n" + output());
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The daemon's own standard output and error so far. */
    String output() {
        return "--- daemon stdout ---\n" + Exekutir.read(stdout) + "--- daemon stderr ---\n" + Exekutir.read(stderr);
    }

    /** Sends SIGTERM and waits for the daemon to end; returns its exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
            fail("the daemon did not stop within " + WAIT_SECONDS + " s of SIGTERM\n" + output());
        }
        return process.exitValue();
    }

    @Override
    public void close() throws IOException {
        List<ProcessHandle> children = process.descendants().toList();
        try {
            if (process.isAlive()) {
                terminate();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
