package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The daemon of the runtime under test for an attached run of the suite: started by the
 * first test that needs it, stopped with SIGTERM when the test JVM ends. Its own output goes
 * to {@code target/suite-daemon.out} and {@code .err}.
 */
final class SuiteDaemon {

    private static Process process;

    private SuiteDaemon() {
    }

    static synchronized void ensureRunning() {
        if (process != null && process.isAlive()) {
            return;
        }
        if (process != null) {
            fail("the suite's daemon died (exit " + process.exitValue() + "); see " + output(".err"));
        }
        try {
            Process started = new Exekutir(Exekutir.HOME.resolve("bin/exekutir")).builder("daemon")
                    .redirectOutput(output(".out").toFile()).redirectError(output(".err").toFile()).start();
            Path socket = Exekutir.HOME.resolve("run/control.sock");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Daemon.WAIT_SECONDS);
            while (!Files.readString(output(".out")).contains("daemon running") && started.isAlive()) {
                if (System.nanoTime() > deadline) {
                    fail("the suite's daemon did not start; " + Files.readString(output(".err")));
                }
                Thread.sleep(20);
            }
            if (!started.isAlive() || !Files.exists(socket)) {
                fail("the suite's daemon ended at start: " + Files.readString(output(".err")));
            }
            process = started;
            Runtime.getRuntime().addShutdownHook(new Thread(SuiteDaemon::stop, "suite-daemon-stop"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void stop() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(Daemon.WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static Path output(String suffix) {
        return Exekutir.HOME.getParent().resolve("suite-daemon" + suffix);
    }
}
