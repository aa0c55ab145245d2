package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A remote kommandir: a netns host (its own network namespace and sshd, reached over the
 * ssh transport), the job's workspace and the runtime synchronised to it and back.
 */
@Execution(ExecutionMode.CONCURRENT)
class NetnsKommandirTest extends WorkspaceTest {

    private static final Path EXEKUTIR_XN = Exekutir.HOME.resolve("exekutir.xn");
    private NetnsJob job;

    @AfterEach
    void leaveNothing() {
        if (job != null) {
            job.tearDown();
        }
    }

    /**
     * One job on one netns kommandir for the three contexts (sharing the kommandir keeps the
     * suite short): two netns peons made in parallel by the kommandir, configured by Ansible
     * over ssh, destroyed in cleanup; each context's result pulled back; nothing left after.
     */
    @Test
    void peonsDemoOnANetnsKommandirThroughTheThreeContexts() throws IOException {
        job = new NetnsJob(ws).settings(Exekutir.HOME.resolve("jobs/peons-demo"));
        // What a daemon keeps in the runtime (other jobs' logs) must never reach a kommandir.
        Path daemonState = Files.createDirectories(Exekutir.HOME.resolve("run"))
                .resolve("transitions-probe-" + java.util.UUID.randomUUID() + ".log");
        Files.writeString(daemonState, "another job's log\n");
        Exekutir.Result setup;
        try {
            setup = transition("setup");
        } finally {
            Files.deleteIfExists(daemonState);
        }
        Path runtime = job.kommandirRoot().resolve("exekutir");
        for (String part : List.of("bin", "lib", "bundle", "conf", "exekutir.xn", "kommandir")) {
            assertTrue(Files.exists(runtime.resolve(part)), "the runtime's " + part + " is sent");
        }
        assertFalse(Files.exists(runtime.resolve("run")), "no daemon state (run/) on the kommandir");
        assertFalse(Files.exists(runtime.resolve("deploy")), "no hot-deploy drops on the kommandir");
        // the kommandir's own messages come back merged into the job's output
        assertTrue((setup.stdout() + setup.stderr()).contains("peons: 2 created, 0 failed"), setup.toString());
        String kommandirVars = Files.readString(ws.resolve("inventory/host_vars/kommandir.yml"));
        assertTrue(kommandirVars.contains("exekutir_transport: ssh") && kommandirVars.contains("exekutir_root: "),
                kommandirVars);
        for (String peon : new String[] {"peon-1", "peon-2"}) {
            String vars = Files.readString(ws.resolve("kommandir_workspace/inventory/host_vars/" + peon + ".yml"));
            assertTrue(vars.contains("ansible_host: ") && vars.contains("exekutir_root: "), vars);
            String hello = Files.readString(ws.resolve("results/peons/" + peon + ".txt"));
            assertTrue(hello.startsWith("hello from " + peon + " at "), hello);
            assertTrue(Files.readString(ws.resolve("kommandir_workspace/hosts/" + peon + ".yml"))
                    .contains("state: created"));
            assertTrue(NetnsJob.run("ip", "netns", "list").contains(job.uuid + "-" + peon), "peon " + peon + " exists");
        }
        transition("run");
        Exekutir.Result cleanup = transition("cleanup");
        assertTrue((cleanup.stdout() + cleanup.stderr()).contains("peons: 2 destroyed, 0 failed"), cleanup.toString());
        for (String peon : new String[] {"peon-1", "peon-2"}) {
            assertTrue(Files.readString(ws.resolve("kommandir_workspace/hosts/" + peon + ".yml"))
                    .contains("state: destroyed"));
        }
        assertTrue(Files.readString(ws.resolve("hosts/kommandir.yml")).contains("state: destroyed"));
        assertEquals(List.of(), job.leftovers(), "stonith: the kommandir and its peons are gone");
        assertEquals(List.of(), job.privateKeys(), "no private key is left in the workspace");
        String report = Files.readString(ws.resolve("results/prune_report.yml"));
        assertTrue(report.contains("- ssh/exekutir_key") && report.contains("- kommandir_workspace/ssh/exekutir_key"),
                report);
    }

    /** Runs one context; it must succeed, park 0 and leave its result, brought back from the kommandir. */
    private Exekutir.Result transition(String context) throws IOException {
        Exekutir.Result result = new Exekutir().run(context, ws.toString(), EXEKUTIR_XN.toString());
        assertEquals(0, result.exit(), result.toString());
        assertEquals("0", Files.readString(ws.resolve("kommandir_" + context + ".exit")), result.toString());
        assertTrue(Files.readString(ws.resolve("results/" + context + ".txt")).contains("peons"), result.toString());
        assertTrue(Files.exists(job.kommandirRoot().resolve("kommandir_workspace/results/" + context + ".txt"))
                || context.equals("cleanup"), "written on the kommandir, pulled back");
        return result;
    }

    @Test
    void aSignalWhilePeonsAreCreatedStopsSetupAndTheCycleLeavesNothing() throws Exception {
        job = new NetnsJob(ws).settings(Exekutir.HOME.resolve("jobs/peons-demo"));
        Path records = job.kommandirRoot().resolve("kommandir_workspace/hosts");
        Path out = tmp.resolve("cycle.out");
        Process cycle = new Exekutir().builder("cycle", ws.toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
            while (cycle.isAlive() && System.nanoTime() < deadline && !(Files.exists(records.resolve("peon-1.yml"))
                    || Files.exists(records.resolve("peon-2.yml")))) {
                Thread.sleep(20);
            }
            assertTrue(cycle.isAlive(), "setup was creating peons: " + Files.readString(out));
            new ProcessBuilder("kill", "-INT", Long.toString(cycle.pid())).start().waitFor();
            assertTrue(cycle.waitFor(300, TimeUnit.SECONDS), "ended: " + Files.readString(out));
        } finally {
            cycle.descendants().forEach(ProcessHandle::destroyForcibly);
            cycle.destroyForcibly();
        }
        String text = Files.readString(out);
        assertEquals(130, cycle.exitValue(), text);
        assertTrue(text.contains("    setup: exit 130"), text);
        assertTrue(text.matches("(?s).*    cleanup: exit 0 in.*"), text);
        assertEquals(List.of(), job.leftovers(), text);
    }

    /**
     * The second Ctrl-C of a cycle kills at once, on the kommandir too: a command there that
     * ignores SIGTERM is gone at once, not after its grace (10 s there; 2 min here).
     */
    @Test
    void aSecondSignalOfACycleKillsTheKommandirsRunAtOnce() throws Exception {
        String token = "stubborn-" + System.nanoTime();
        Path jobPath = Exekutir.write(tmp.resolve("stubborn-job/setup.yml"), """
                - hosts: kommandir
                  gather_facts: false
                  tasks:
                    - shell: trap '' TERM INT; t=%s; while :; do sleep 1; done
                """.formatted(token)).getParent();
        job = new NetnsJob(ws).settings(jobPath);
        Path out = tmp.resolve("cycle.out");
        Process cycle = new Exekutir().env("EXEKUTIR_JAVA_OPTS", "-Dexekutir.stop.grace=2m")
                .builder("cycle", ws.toString(), jobPath.toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(200);
            while (cycle.isAlive() && System.nanoTime() < deadline && !running(token)) {
                Thread.sleep(20);
            }
            assertTrue(running(token), "the kommandir runs the stubborn command: " + Files.readString(out));
            new ProcessBuilder("kill", "-INT", Long.toString(cycle.pid())).start().waitFor();
            while (cycle.isAlive() && !Files.readString(out).contains("stopping")) {
                Thread.sleep(20);
            }
            Thread.sleep(Exekutir.SECOND_SIGNAL_AFTER_MILLIS);
            new ProcessBuilder("kill", "-INT", Long.toString(cycle.pid())).start().waitFor();
            assertTrue(cycle.waitFor(60, TimeUnit.SECONDS), "ended: " + Files.readString(out));
        } finally {
            cycle.descendants().forEach(ProcessHandle::destroyForcibly);
            cycle.destroyForcibly();
        }
        assertEquals(130, cycle.exitValue(), Files.readString(out));
        // One-shot: at once. Attached: the client leaves at once and the daemon stops the run; no
        // more than the kommandir's own grace (10 s) is asked of it there.
        long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(Exekutir.ATTACHED ? 40 : 5);
        while (!withToken(token).isEmpty() && System.nanoTime() < gone) {
            Thread.sleep(50);
        }
        List<ProcessHandle> survivors = withToken(token);
        survivors.forEach(ProcessHandle::destroyForcibly); // nothing of this test outlives it
        assertEquals(List.of(), survivors, "the kommandir's command outlived the second signal: "
                + Files.readString(out));
    }

    /** Whether a process of this test (its command line holds the token) runs. */
    private static boolean running(String token) {
        return !withToken(token).isEmpty();
    }

    private static List<ProcessHandle> withToken(String token) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains(token)).toList();
    }
}
