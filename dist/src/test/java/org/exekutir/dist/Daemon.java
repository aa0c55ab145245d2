package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code bin/exekutir daemon} of a private copy of the built runtime (so tests own its home,
 * its {@code deploy/} and its {@code run/}), on a free console port. {@link #close()} stops it
 * with SIGTERM and, should that fail, kills it and its children.
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

    /** Copies the runtime to {@code home} (a folder that does not exist yet), picking a free console port. */
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
        Files.writeString(home.resolve("conf/exekutir.properties"), "\nexekutir.console.port=0\n",
                StandardOpenOption.APPEND);
        return home;
    }

    /** Starts the daemon of {@code home} and waits until its console listens. */
    static Daemon start(Path home) throws IOException {
        Path stdout = Files.createTempFile("exekutir-daemon-", ".out");
        Path stderr = Files.createTempFile("exekutir-daemon-", ".err");
        Process process = new Exekutir(home.resolve("bin/exekutir")).builder("daemon")
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        Daemon daemon = new Daemon(home, process, stdout, stderr);
        daemon.await("the console port file", () -> Files.exists(daemon.portFile()) || !process.isAlive());
        if (!process.isAlive()) {
            fail("the daemon ended at start\n" + daemon.output());
        }
        return daemon;
    }

    Path portFile() {
        return home.resolve("run/console.port");
    }

    int port() {
        return Integer.parseInt(Exekutir.read(portFile()).strip());
    }

    /** What one console command answered. */
    record Answer(int exit, String output, String message) {
        @Override
        public String toString() {
            return "exit " + exit + " " + message + "\n" + output;
        }
    }

    /** Runs one command line on the console port, as {@code nc 127.0.0.1 PORT} would. */
    Answer console(String line) {
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder output = new StringBuilder();
            for (String answer = in.readLine(); answer != null; answer = in.readLine()) {
                if (answer.startsWith("\0")) {
                    String[] status = answer.substring(1).split(" ", 3);
                    return new Answer(Integer.parseInt(status[1]), output.toString(), status.length > 2 ? status[2] : "");
                }
                output.append(answer).append('\n');
            }
            throw new IllegalStateException("the console closed without a status line after: " + line + "\n" + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
