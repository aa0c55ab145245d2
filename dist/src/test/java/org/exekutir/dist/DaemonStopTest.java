package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the daemon, and the {@code bundle} command line without one. */
class DaemonStopTest {

    @TempDir
    Path tmp;

    @Test
    void sigtermInterruptsTransitionsStopsCleanlyAndFreesLockPortAndWorkspace() throws Exception {
        Path home = Daemon.copyRuntime(tmp.resolve("home-" + UUID.randomUUID()));
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path xn = write(tmp.resolve("long.xn"), "- command: {filepath: /bin/sleep, arguments: '600'}\n");
        try (Daemon daemon = Daemon.start(home)) {
            int port = daemon.port();
            Daemon.Answer started = daemon.console("exekutir:start-transition setup '" + ws + "' '" + xn + "'");
            assertEquals(0, started.exit(), started::toString);
            daemon.await("the sleep to run", () -> daemon.process.descendants()
                    .anyMatch(p -> p.info().command().orElse("").endsWith("sleep")));
            List<ProcessHandle> children = daemon.process.descendants().toList();

            assertEquals(0, daemon.terminate(), daemon::output);

            assertTrue(daemon.output().contains("daemon stopped"), daemon::output);
            children.forEach(child -> assertFalse(child.isAlive(), () -> "left running: " + child.pid() + " "
                    + child.info() + "\n" + procStatus(child.pid())));
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getByName("127.0.0.1"), port).close());
            assertFalse(Files.exists(home.resolve("run/daemon.pid")));
            assertFalse(Files.exists(home.resolve("run/console.port")));
            assertFalse(Files.exists(home.resolve("run/felix-cache")), "the framework storage is removed");
            try (FileChannel channel = FileChannel.open(home.resolve("run/daemon.lock"), StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                assertNotNull(lock, "the home's lock is free");
            }
            assertFalse(Files.exists(ws.resolve(".exekutir.lock")), "the workspace is free");
            try (Stream<Path> logs = Files.list(home.resolve("run/transitions"))) {
                String log = read(logs.findFirst().orElseThrow());
                assertTrue(log.contains("interrupted"), log);
                assertTrue(log.contains("finished, exit 130"), log);
            }
        }
    }

    private static String procStatus(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/status"));
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void sigintStopsItCleanlyToo() throws Exception {
        Path home = Daemon.copyRuntime(tmp.resolve("home-" + UUID.randomUUID()));
        try (Daemon daemon = Daemon.start(home)) {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(daemon.process.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(daemon.process.waitFor(Daemon.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS),
                    daemon::output);
            assertEquals(0, daemon.process.exitValue(), daemon::output);
            assertFalse(Files.exists(home.resolve("run/daemon.pid")));
        }
    }

    @Test
    void bundleCommandWithoutADaemonSaysSo() throws IOException {
        Path home = Daemon.copyRuntime(tmp.resolve("home-" + UUID.randomUUID()));
        Exekutir.Result list = new Exekutir(home.resolve("bin/exekutir")).run("bundle", "list");
        assertEquals(1, list.exit(), list::toString);
        assertTrue(list.stderr().contains("no daemon is running for " + home), list::toString);
    }

    @Test
    void bundleCommandWithBadArgumentsShowsUsage() throws IOException {
        Exekutir.Result result = new Exekutir().run("bundle", "frobnicate");
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().contains("unknown bundle operation 'frobnicate'"), result::toString);
        assertTrue(result.stderr().contains("Usage: exekutir bundle list"), result::toString);
    }
}
