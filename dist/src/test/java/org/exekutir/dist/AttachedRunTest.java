package org.exekutir.dist;

import static org.exekutir.dist.Exekutir.read;
import static org.exekutir.dist.Exekutir.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What only an attached run has: its client's signals and death reach the daemon's run; many
 * clients at once keep their outputs apart; the daemon listens on no TCP port; what it keeps
 * is its user's alone. (Everything a one-shot run does, attached runs do too: the whole
 * end-to-end suite runs a second time attached.)
 */
class AttachedRunTest extends DaemonPerClass {

    /** A transition whose child records its pid, then waits: the child the signals are about. */
    private Path waitingTransition(Path pidFile) {
        return write(tmp.resolve("wait.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'echo $$ > %s; exec sleep 600'
                - command:
                    filepath: /bin/touch
                    arguments: never-reached
                """.formatted(pidFile));
    }

    private Process start(Path out, String... args) throws IOException {
        return daemon.cli().builder(args).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    private long childPid(Path pidFile) {
        daemon.await("the child to start", () -> Files.exists(pidFile) && !read(pidFile).isBlank());
        return Long.parseLong(read(pidFile).strip());
    }

    private static void signal(String name, Process process) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor());
    }

    private static boolean ends(ProcessHandle process) throws Exception {
        try {
            process.onExit().get(Daemon.WAIT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        }
    }

    @Test
    void aFirstSignalInterruptsTheTransitionAsInAOneShotRun() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path pid = tmp.resolve("child.pid");
        Path out = tmp.resolve("out.txt");
        Process client = start(out, "--daemon", "setup", ws.toString(), waitingTransition(pid).toString());
        ProcessHandle child = ProcessHandle.of(childPid(pid)).orElseThrow();
        signal("INT", client);
        assertTrue(client.waitFor(Daemon.WAIT_SECONDS, TimeUnit.SECONDS), read(out));
        assertEquals(130, client.exitValue(), read(out));
        // (the run that makes the client's class-data archive gets SIGINT from its script as SIGTERM)
        assertTrue(read(out).matches("(?s).*exekutir: SIG(INT|TERM): stopping.*"), read(out));
        assertTrue(read(out).contains("entry #1 (command) in context setup: interrupted"), read(out));
        assertTrue(ends(child), "the child is stopped");
        assertFalse(Files.exists(ws.resolve("never-reached")), "no further entry starts");
    }

    @Test
    void aSecondSignalAbortsTheClientAtOnceAndTheDaemonStopsTheRun() throws Exception {
        Path ws = tmp.resolve("ws");
        Path job = tmp.resolve("slow-job");
        // Durations no other process on the machine sleeps: the test looks for its own children only.
        String sleep = "60." + System.nanoTime() % 1_000_000_000L;
        for (String context : List.of("setup", "cleanup")) {
            write(job.resolve(context + ".yml"), """
                    - hosts: kommandir
                      gather_facts: false
                      tasks:
                        - copy: {dest: "%s", content: "started\\n"}
                        - command: sleep %s
                    """.formatted(tmp.resolve(context + "-started"), sleep));
        }
        Path out = tmp.resolve("out.txt");
        Process client = start(out, "--daemon", "cycle", ws.toString(), job.toString());
        daemon.await("setup to start", () -> Files.exists(tmp.resolve("setup-started")));
        signal("INT", client);
        daemon.await("cleanup to start after the first signal", () -> Files.exists(tmp.resolve("cleanup-started")));
        signal("INT", client);
        assertTrue(client.waitFor(Daemon.WAIT_SECONDS, TimeUnit.SECONDS), read(out));
        assertEquals(130, client.exitValue(), read(out));
        assertTrue(read(out).matches("(?s).*SIG(INT|TERM) again: aborting now.*"), read(out));
        daemon.await("the daemon to end the aborted cycle", () -> daemon.console("transitions").output().lines()
                .anyMatch(line -> line.matches("\\d+\\s+finished\\s+\\d+\\s+\\S+\\s+cycle\\s+"
                        + java.util.regex.Pattern.quote(ws.toString()) + "\\s.*")));
        daemon.await("the cleanup's sleep to be stopped", () -> ProcessHandle.allProcesses()
                .noneMatch(p -> p.info().commandLine().orElse("").endsWith("sleep " + sleep)));
    }

    @Test
    void aKilledClientInterruptsItsRunAndCleanupWorksAfterwards() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path pid = tmp.resolve("child.pid");
        Process client = start(tmp.resolve("out.txt"), "--daemon", "setup", ws.toString(),
                waitingTransition(pid).toString());
        ProcessHandle child = ProcessHandle.of(childPid(pid)).orElseThrow();
        client.destroyForcibly();
        assertTrue(ends(child), "the daemon stops the run of a client that is gone");
        Exekutir.Result cleanup = daemon.cli().run("--daemon", "cleanup", ws.toString(),
                write(tmp.resolve("cleanup.xn"), "- command: {filepath: /bin/touch, arguments: cleaned}\n").toString());
        assertEquals(0, cleanup.exit(), cleanup::toString);
        assertTrue(Files.exists(ws.resolve("cleaned")));
        assertFalse(Files.exists(ws.resolve("never-reached")));
    }

    /** A lost client is a second signal: a child that ignores SIGTERM gets no grace (10 s here). */
    @Test
    void theChildOfAKilledClientIsKilledAtOnceEvenIfItIgnoresTerm() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Path pid = tmp.resolve("child.pid");
        Process client = start(tmp.resolve("out.txt"), "--daemon", "setup", ws.toString(), write(tmp.resolve("trap.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'trap "" INT TERM; echo $$ > %s; while :; do sleep 1; done'
                """.formatted(pid)).toString());
        ProcessHandle child = ProcessHandle.of(childPid(pid)).orElseThrow();
        client.destroyForcibly();
        try {
            child.onExit().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            child.destroyForcibly();
            throw new AssertionError("the child of a killed client was given the grace", e);
        }
    }

    @Test
    void twentyClientsAtOnceEachGetTheirOwnOutputAndExitCode() throws Exception {
        // Each job names itself by its workspace (job7) and exits with 7 % 5 + 3.
        Path xn = write(tmp.resolve("talk.xn"), """
                - command:
                    filepath: /bin/sh
                    arguments: -c 'j=${WORKSPACE##*/}; n=${j#job}; for i in $(seq 200); do echo "out $j $i"; echo "err $j $i" >&2; done; exit $((n % 5 + 3))'
                """);
        List<Process> clients = new ArrayList<>();
        for (int job = 0; job < 20; job++) {
            Path ws = Files.createDirectories(tmp.resolve("job" + job));
            clients.add(daemon.cli().builder("--daemon", "setup", ws.toString(), xn.toString())
                    .redirectOutput(tmp.resolve(job + ".out").toFile()).redirectError(tmp.resolve(job + ".err").toFile())
                    .start());
        }
        for (int job = 0; job < 20; job++) {
            Process client = clients.get(job);
            assertTrue(client.waitFor(Daemon.WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(job % 5 + 3, client.exitValue(), read(tmp.resolve(job + ".err")));
            List<String> expectedOut = new ArrayList<>();
            List<String> expectedErr = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                expectedOut.add("out job" + job + " " + i);
                expectedErr.add("err job" + job + " " + i);
            }
            assertEquals(expectedOut, read(tmp.resolve(job + ".out")).lines().toList(), "stdout of job " + job);
            int j = job;
            assertEquals(expectedErr, read(tmp.resolve(job + ".err")).lines().filter(l -> l.startsWith("err job" + j + " "))
                    .toList(), "stderr of job " + job);
            assertFalse(read(tmp.resolve(job + ".err")).lines().anyMatch(l -> l.matches("(out|err) job\\d+ .*")
                    && !l.contains("job" + j + " ")), "another job's lines in job " + job);
        }
    }

    @Test
    void theDaemonListensOnNoTcpPort() throws IOException {
        Set<String> sockets = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + daemon.process.pid() + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        sockets.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException gone) {
                    // closed while listed
                }
            }
        }
        assertFalse(sockets.isEmpty(), "the daemon has its control socket at least");
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] fields = line.trim().split("\\s+");
                assertFalse(sockets.contains(fields[9]), "the daemon has an inet socket: " + table + ": " + line);
            }
        }
    }

    @Test
    void whatTheDaemonKeepsIsItsUsersAlone() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Exekutir.Result run = daemon.cli().run("--daemon", "setup", ws.toString(),
                write(tmp.resolve("true.xn"), "- command: {filepath: /bin/true}\n").toString());
        assertEquals(0, run.exit(), run::toString);
        Path runFolder = daemon.home.resolve("run");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(runFolder)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(daemon.socket())));
        Path transitions = runFolder.resolve("transitions");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(transitions)));
        try (Stream<Path> files = Files.list(transitions)) {
            for (Path file : files.toList()) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
    }

    @Test
    void theLogsTheDaemonKeepsHoldNoSecretAChildPrinted() throws Exception {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Exekutir.Result run = daemon.cli().env("CALLER_TOKEN", "ghp_daemon-t0ken-3").run("--daemon", "setup",
                ws.toString(), write(tmp.resolve("leak.xn"), """
                        - variable: {name: GITHUB_TOKEN, from_env: CALLER_TOKEN}
                        - command: {filepath: /bin/sh, arguments: "-c 'echo token $GITHUB_TOKEN; echo password=pw-d43mon >&2'"}
                        """).toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.stdout().contains("token <hidden>"), run::toString);
        try (Stream<Path> files = Files.list(daemon.home.resolve("run/transitions"))) {
            for (Path file : files.toList()) {
                String kept = read(file);
                assertFalse(kept.contains("ghp_daemon-t0ken-3") || kept.contains("pw-d43mon"), file + ":\n" + kept);
            }
        }
        assertFalse(daemon.output().contains("ghp_daemon-t0ken-3"), daemon.output());
    }

    @Test
    void theConsoleOffersExekutirsCommandsAndNoShell() {
        Daemon.Answer help = daemon.console("help");
        assertEquals(0, help.exit(), help::toString);
        for (String command : List.of("status", "transitions", "transition-log", "providers", "bundles", "install")) {
            assertTrue(help.output().contains(command), help::toString);
        }
        for (String attempt : List.of("telnetd -i 0.0.0.0 -p 17313 start", "felix:stop 0", "gosh",
                "(new java.io.File /tmp/exekutir-console-probe) createNewFile")) {
            Daemon.Answer answer = daemon.console(attempt);
            assertEquals(1, answer.exit(), attempt + ": " + answer);
            assertTrue(answer.message().contains("unknown command"), attempt + ": " + answer);
        }
        assertTrue(daemon.process.isAlive());
        assertFalse(Files.exists(Path.of("/tmp/exekutir-console-probe")));
    }

    @Test
    void statusTellsPidUptimeBundlesAndMemory() {
        Exekutir.Result status = daemon.cli().run("status");
        assertEquals(0, status.exit(), status::toString);
        assertTrue(status.stdout().contains("pid          " + daemon.process.pid()), status::toString);
        for (String line : List.of("uptime", "bundles", "transitions", "memory       RSS")) {
            assertTrue(status.stdout().contains(line), status::toString);
        }
    }
}
