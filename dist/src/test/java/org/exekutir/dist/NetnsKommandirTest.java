package org.exekutir.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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

    @Test
    void theThreeContextsRunOnANetnsKommandirAndNothingIsLeftAfterCleanup() throws IOException {
        job = new NetnsJob(ws).settings(Exekutir.HOME.resolve("jobs/quickstart"));
        for (String context : new String[] {"setup", "run", "cleanup"}) {
            Exekutir.Result result = new Exekutir().run(context, ws.toString(), EXEKUTIR_XN.toString());
            assertEquals(0, result.exit(), result.toString());
            assertEquals("0", Files.readString(ws.resolve("kommandir_" + context + ".exit")), result.toString());
            String text = Files.readString(ws.resolve("results/" + context + ".txt"));
            assertTrue(text.contains("run by exekutir in " + job.kommandirRoot().resolve("kommandir_workspace")), text);
            if (!context.equals("cleanup")) {
                assertTrue(Files.readString(job.kommandirRoot().resolve("kommandir_workspace/results/" + context
                        + ".txt")).equals(text), "the result was written on the kommandir and pulled back");
            }
        }
        String vars = Files.readString(ws.resolve("inventory/host_vars/kommandir.yml"));
        assertTrue(vars.contains("exekutir_transport: ssh") && vars.contains("exekutir_root: "), vars);
        assertTrue(Files.readString(ws.resolve("hosts/kommandir.yml")).contains("state: destroyed"));
        assertEquals(List.of(), job.leftovers(), "stonith: the kommandir is gone");
        assertEquals(List.of(), job.privateKeys(), "no private key is left in the workspace");
        String report = Files.readString(ws.resolve("results/prune_report.yml"));
        assertTrue(report.contains("ssh/exekutir_key"), report);
    }

    @Test
    void peonsDemoCreatesTwoPeonsConfiguresThemAndCleanupDestroysThem() throws IOException {
        job = new NetnsJob(ws).settings(Exekutir.HOME.resolve("jobs/peons-demo"));
        Exekutir.Result setup = new Exekutir().run("setup", ws.toString(), EXEKUTIR_XN.toString());
        assertEquals(0, setup.exit(), setup.toString());
        // the kommandir's own messages come back merged into the job's output
        assertTrue((setup.stdout() + setup.stderr()).contains("peons: 2 created, 0 failed"), setup.toString());
        assertTrue(Files.exists(ws.resolve("inventory/host_vars/kommandir.yml")));
        for (String peon : new String[] {"peon-1", "peon-2"}) {
            String vars = Files.readString(ws.resolve("kommandir_workspace/inventory/host_vars/" + peon + ".yml"));
            assertTrue(vars.contains("ansible_host: ") && vars.contains("exekutir_root: "), vars);
            String hello = Files.readString(ws.resolve("results/peons/" + peon + ".txt"));
            assertTrue(hello.startsWith("hello from " + peon + " at "), hello);
            assertTrue(Files.readString(ws.resolve("kommandir_workspace/hosts/" + peon + ".yml"))
                    .contains("state: created"));
            assertTrue(NetnsJob.run("ip", "netns", "list").contains(job.uuid + "-" + peon), "peon " + peon + " exists");
        }
        Exekutir.Result cleanup = new Exekutir().run("cleanup", ws.toString(), EXEKUTIR_XN.toString());
        assertEquals(0, cleanup.exit(), cleanup.toString());
        assertTrue((cleanup.stdout() + cleanup.stderr()).contains("peons: 2 destroyed, 0 failed"), cleanup.toString());
        for (String peon : new String[] {"peon-1", "peon-2"}) {
            assertTrue(Files.readString(ws.resolve("kommandir_workspace/hosts/" + peon + ".yml"))
                    .contains("state: destroyed"));
        }
        assertEquals(List.of(), job.leftovers());
    }

    @Test
    void aSignalWhilePeonsAreCreatedStopsSetupAndTheCycleLeavesNothing() throws Exception {
        job = new NetnsJob(ws).settings(Exekutir.HOME.resolve("jobs/peons-demo"));
        Path records = job.kommandirRoot().resolve("kommandir_workspace/hosts");
        Path out = tmp.resolve("cycle.out");
        Process cycle = new Exekutir().builder("cycle", ws.toString()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(200);
            while (cycle.isAlive() && System.nanoTime() < deadline && !(Files.exists(records.resolve("peon-1.yml"))
                    || Files.exists(records.resolve("peon-2.yml")))) {
                Thread.sleep(20);
            }
            assertTrue(cycle.isAlive(), "setup was creating peons: " + Files.readString(out));
            new ProcessBuilder("kill", "-INT", Long.toString(cycle.pid())).start().waitFor();
            assertTrue(cycle.waitFor(300, java.util.concurrent.TimeUnit.SECONDS), "ended: " + Files.readString(out));
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

    @Test
    void adeptDebugKeepsTheKeys() throws IOException {
        job = new NetnsJob(ws).settings(Exekutir.HOME.resolve("jobs/quickstart"), "adept_debug: true");
        for (String context : new String[] {"setup", "cleanup"}) {
            Exekutir.Result result = new Exekutir().run(context, ws.toString(), EXEKUTIR_XN.toString());
            assertEquals(0, result.exit(), result.toString());
        }
        assertTrue(job.privateKeys().contains("ssh/exekutir_key"), "kept: " + job.privateKeys());
        assertTrue(Files.readString(ws.resolve("results/prune_report.yml")).contains("adept_debug is true"));
        assertEquals(List.of(), job.leftovers());
    }
}
