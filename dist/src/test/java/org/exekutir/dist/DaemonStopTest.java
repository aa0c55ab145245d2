package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the daemon, what its history keeps across a restart, and the commands that need one when none runs. */
class DaemonStopTest {

    @TempDir
    Path tmp;

    @Test
    void sigtermInterruptsTransitionsStopsCleanlyAndFreesLockSocketAndWorkspace() throws Exception {
        Path home = Daemon.copyRuntime(tmp.resolve("home-" + UUID.randomUUID()));
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path xn = write(tmp.resolve("long.xn"), "- command: {filepath: /bin/sleep, arguments: '600'}\n");
        Path clientErr = tmp.resolve("client.err");
        Process client;
        try (Daemon daemon = Daemon.start(home)) {
            client = daemon.cli().builder("--daemon", "setup", ws.toString(), xn.toString())
                    .redirectError(clientErr.toFile()).start();
            daemon.await("the sleep to run", () -> daemon.process.descendants()
                    .anyMatch(p -> p.info().command().orElse("").endsWith("sleep")));
            List<ProcessHandle> children = daemon.process.descendants().toList();

            assertEquals(0, daemon.terminate(), daemon::output);

            assertTrue(daemon.output().contains("daemon stopped"), daemon::output);
            children.forEach(child -> assertFalse(child.isAlive(), () -> "left running: " + child.pid() + " "
                    + child.info() + "\n" + procStatus(child.pid())));
            assertTrue(client.waitFor(Daemon.WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(130, client.exitValue(), Exekutir.read(clientErr));
            assertTrue(Exekutir.read(clientErr).contains("interrupted"), Exekutir.read(clientErr));
            assertFalse(Files.exists(home.resolve("run/daemon.pid")));
            assertFalse(Files.exists(home.resolve("run/control.sock")), "the socket is removed");
            assertFalse(Files.exists(home.resolve("run/felix-cache")), "the framework storage is removed");
            try (FileChannel channel = FileChannel.open(home.resolve("run/daemon.lock"), StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                assertNotNull(lock, "the home's lock is free");
            }
            assertFalse(Files.exists(ws.resolve(".exekutir.lock")), "the workspace is free");
        }
        String workspace = java.util.regex.Pattern.quote(ws.toRealPath().toString());
        try (Daemon again = Daemon.start(home)) {
            Daemon.Answer history = again.console("transitions");
            assertTrue(history.output().lines().anyMatch(line -> line.matches("1\\s+finished\\s+130\\s+root\\s+setup\\s+"
                    + workspace + "\\s.*")), history::toString);
        }
    }

    @Test
    void aTransitionRunningWhenTheDaemonDiedIsShownInterruptedAfterARestart() throws Exception {
        Path home = Daemon.copyRuntime(tmp.resolve("home-" + UUID.randomUUID()));
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path xn = write(tmp.resolve("long.xn"), "- command: {filepath: /bin/sleep, arguments: '600'}\n");
        try (Daemon daemon = Daemon.start(home)) {
            Exekutir.Result first = daemon.cli().run("--daemon", "setup", ws.toString(),
                    write(tmp.resolve("true.xn"), "- command: {filepath: /bin/true}\n").toString());
            assertEquals(0, first.exit(), first::toString);
            Process client = daemon.cli().builder("--daemon", "setup", ws.toString(), xn.toString()).start();
            daemon.await("the sleep to run", () -> daemon.process.descendants()
                    .anyMatch(p -> p.info().command().orElse("").endsWith("sleep")));
            List<ProcessHandle> children = daemon.process.descendants().toList();
            daemon.process.destroyForcibly();
            daemon.process.waitFor(Daemon.WAIT_SECONDS, TimeUnit.SECONDS);
            children.forEach(ProcessHandle::destroyForcibly);
            assertTrue(client.waitFor(Daemon.WAIT_SECONDS, TimeUnit.SECONDS), "the client notices");
            assertEquals(70, client.exitValue(), "the daemon went away before it answered");
        }
        try (Daemon again = Daemon.start(home)) {
            String table = again.console("transitions").output();
            assertTrue(table.lines().anyMatch(line -> line.matches("1\\s+finished\\s+0\\s.*")), table);
            assertTrue(table.lines().anyMatch(line -> line.matches("2\\s+interrupted\\s+-\\s.*")), table);
            Exekutir.Result next = again.cli().run("--daemon", "setup", ws.toString(), tmp.resolve("true.xn").toString());
            assertEquals(0, next.exit(), next::toString);
            assertTrue(again.console("transitions").output().lines().anyMatch(line -> line.startsWith("3 ")),
                    "ids go on after a restart");
        }
    }

    @Test
    void theHistoryKeepsTheConfiguredNumberOfTransitions() throws Exception {
        Path home = Daemon.copyRuntime(tmp.resolve("home-" + UUID.randomUUID()));
        Files.writeString(home.resolve("conf/exekutir.properties"), "\nexekutir.history.keep=3\n",
                StandardOpenOption.APPEND);
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path xn = write(tmp.resolve("true.xn"), "- command: {filepath: /bin/true}\n");
        try (Daemon daemon = Daemon.start(home)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(0, daemon.cli().run("--daemon", "setup", ws.toString(), xn.toString()).exit());
            }
            List<String> ids = daemon.console("transitions").output().lines().skip(1)
                    .map(line -> line.split("\\s+")[0]).toList();
            assertEquals(List.of("3", "4", "5"), ids);
            try (var files = Files.list(home.resolve("run/transitions"))) {
                assertEquals(List.of("3.log", "3.record", "4.log", "4.record", "5.log", "5.record"),
                        files.map(file -> file.getFileName().toString()).sorted().toList());
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
            assertTrue(daemon.process.waitFor(Daemon.WAIT_SECONDS, TimeUnit.SECONDS), daemon::output);
            assertEquals(0, daemon.process.exitValue(), daemon::output);
            assertFalse(Files.exists(home.resolve("run/daemon.pid")));
        }
    }

    @Test
    void commandsThatNeedADaemonSaySoWhenNoneRuns() throws IOException {
        Path home = Daemon.copyRuntime(tmp.resolve("home-" + UUID.randomUUID()));
        Exekutir cli = new Exekutir(home.resolve("bin/exekutir"));
        Exekutir.Result list = cli.run("bundle", "list");
        assertEquals(69, list.exit(), list::toString);
        assertTrue(list.stderr().contains("no daemon is running for " + home), list::toString);
        Exekutir.Result status = cli.run("status");
        assertEquals(3, status.exit(), "as LSB status commands: " + status);
        assertTrue(status.stderr().contains("no daemon is running for " + home), status::toString);
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Exekutir.Result required = cli.run("--daemon", "setup", ws.toString(),
                write(tmp.resolve("marker.xn"), "- command: {filepath: /bin/touch, arguments: ran}\n").toString());
        assertEquals(69, required.exit(), required::toString);
        assertTrue(required.stderr().contains("--daemon: no daemon is running for " + home), required::toString);
        assertFalse(Files.exists(ws.resolve("ran")), "nothing ran");
    }

    @Test
    void bundleCommandWithBadArgumentsShowsUsage() throws IOException {
        Exekutir.Result result = new Exekutir().run("bundle", "frobnicate");
        assertEquals(2, result.exit(), result::toString);
        assertTrue(result.stderr().contains("unknown bundle operation 'frobnicate'"), result::toString);
        assertTrue(result.stderr().contains("Usage: exekutir bundle list"), result::toString);
    }
}
